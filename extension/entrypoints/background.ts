// The service worker: holds the SMART session and makes every FHIR call. Wiring only.
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../background/start-background';

export default defineBackground(() => startBackground());
