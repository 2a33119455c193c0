import { describe, expect, it } from "vitest";
import {
  allMissionStatuses,
  allOrderStatuses,
  isClosed,
  isDriverStatusUpdate,
  missionStatuses,
  nextMissionStatus,
} from "./domain.js";

describe("the mission timeline", () => {
  it("is walked one status at a time, from pending to delivered", () => {
    const walked = ["pending"];
    for (let s = nextMissionStatus("pending"); s !== undefined; s = nextMissionStatus(s)) walked.push(s);
    expect(walked).toEqual([...missionStatuses]);
    expect(nextMissionStatus("cancelled")).toBeUndefined();
  });

  it("gives a driver the statuses after acceptance, and nothing else", () => {
    expect(allMissionStatuses.filter(isDriverStatusUpdate)).toEqual([
      "pickup_arrived",
      "picked_up",
      "in_transit",
      "arrived",
      "delivered",
    ]);
  });
});

it("a mission or an order is closed once delivered or cancelled, and only then", () => {
  expect(allMissionStatuses.filter(isClosed)).toEqual(["delivered", "cancelled"]);
  expect(allOrderStatuses.filter(isClosed)).toEqual(["delivered", "cancelled"]);
});
