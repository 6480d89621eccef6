/** The sandbox hospital's IANA zone: the Metrics tab's days and ISO weeks (e2e computes its figures in the same zone). */
export const SANDBOX_TIME_ZONE = 'America/New_York';
