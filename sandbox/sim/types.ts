// Public types of the vendor simulator.
import type { Task } from '@medplum/fhirtypes';
import type { Milestone, ServiceType } from '../../shared/fhir/codes';
import type { FhirRequester, NodeHandler } from '../contracts';

/** Auto-mode delays (ms since the Task's lastModified) before the vendor makes each move. */
export interface SimTimings {
  accept: number;
  book: number;
  driverAssigned: number;
  enRoute: number;
  pickedUp: number;
  completed: number;
  /** Share of requests a vendor declines (both modes; deterministic per Task and seed). */
  declineProbability: number;
  /** Auto mode only (0 in step mode unless scripted). */
  rescheduleProbability: number;
  vendorNoShowProbability: number;
}

export const DEFAULT_TIMINGS: SimTimings = {
  accept: 5_000, book: 5_000, driverAssigned: 20_000, enRoute: 20_000, pickedUp: 20_000, completed: 30_000,
  declineProbability: 0.1, rescheduleProbability: 0.05, vendorNoShowProbability: 0.03,
};

export type SimActionName = 'accept' | 'decline' | 'book' | 'reschedule' | 'vendor-no-show' | 'no-answer' | 'advance';

/**
 * Forces outcomes for matching Tasks, one action per step, in order. 'reschedule'
 * takes the next element as the new ISO start time. A trailing 'no-answer' is sticky.
 */
export interface SimScript {
  match: { owner?: string; taskIdentifier?: string; serviceType?: ServiceType; taskId?: string };
  actions: string[];
}

export interface SimAction {
  taskId: string;
  owner: string;
  from?: Milestone;
  to?: Milestone;
  status: Task['status'];
  /** What the vendor did; 'none' when a scripted no-answer or a conflict left the Task alone. */
  action: SimActionName | 'none';
  appointmentId?: string;
  confirmation?: string;
  provenanceId?: string;
  /** 412 conflicts met and re-read before this outcome. */
  conflicts: number;
  note?: string;
}

export interface VendorSimulatorOptions {
  fhir: FhirRequester;
  mode: 'auto' | 'step';
  tickMs?: number;
  seed?: number;
  now?: () => Date;
  timings?: Partial<SimTimings>;
  /** The facility's zone: vendor opening hours are its wall-clock times (default UTC). */
  timeZone?: string;
}

export interface VendorSimulator {
  step(): Promise<SimAction[]>;
  start(): void;
  stop(): void;
  script(rule: SimScript): void;
  /** /__sandbox/sim: POST /step, POST /script, DELETE /script, GET. */
  handleAdmin: NodeHandler;
}
