/**
 * @toktok/payments/testing — loopback stand-ins of MTN MoMo and Airtel Money for your tests and demos.
 * @packageDocumentation
 */

export type { AirtelEnquiryMode, AirtelMoneyStandIn, AirtelMoneyStandInOptions } from "./airtel-stand-in.js";
export { startAirtelMoneyStandIn } from "./airtel-stand-in.js";
export type { RecordedRequest } from "./http-server.js";
export type { CallbackMode, Fault, FaultTarget, PhoneAnswer, PhonePrompt, SimulatedPhone } from "./knobs.js";
export type { SimulatedPayment } from "./ledger.js";
export type { MtnMomoStandIn, MtnMomoStandInOptions } from "./mtn-stand-in.js";
export { startMtnMomoStandIn } from "./mtn-stand-in.js";
export type { StandInControls } from "./stand-in-kit.js";
