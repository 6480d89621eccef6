// Opens the booking UI next to the EHR tab. chrome.sidePanel.open() needs a user
// gesture; Chromium lends the overlay click's gesture to the message listener only
// until its first await, so this is called synchronously from the listener. When
// that fails (no gesture, old browser) a small popup window shows the same page.

export interface BookingUiApis {
  sidePanel: { open(options: { tabId: number }): Promise<void> };
  windows: { create(options: { url: string; type: 'popup'; width: number; height: number; focused: boolean }): Promise<unknown> };
}

export function openBookingUi(apis: BookingUiApis, tabId: number, panelUrl: string): Promise<'side-panel' | 'window'> {
  let opening: Promise<void>;
  try {
    opening = apis.sidePanel.open({ tabId });
  } catch (error) {
    opening = Promise.reject(error);
  }
  return opening.then(
    () => 'side-panel' as const,
    async () => {
      await apis.windows.create({ url: panelUrl, type: 'popup', width: 460, height: 780, focused: true });
      return 'window' as const;
    },
  );
}
