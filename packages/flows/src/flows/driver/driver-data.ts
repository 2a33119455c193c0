import type { MissionStatus } from "../../domain.js";

/** What the driver flow tracks. */
export interface DriverData {
  missionId: string;
  reference: string;
  accepted: boolean;
  status: MissionStatus;
  /** The status the driver tapped, awaiting their location. */
  nextStatus: MissionStatus;
}
