// The fields every booking form has: where the service goes, which vendor, a note.
export interface AddressValues {
  street: string;
  city: string;
  state: string;
  postalCode: string;
}

export interface BookingFormBase extends AddressValues {
  vendor: string;
  note: string;
}
