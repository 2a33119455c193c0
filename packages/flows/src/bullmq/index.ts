/**
 * @toktok/flows/bullmq — the engine's job queue on BullMQ (Redis), for bots that run several
 * processes or must not lose work on a restart. Requires the optional peer `bullmq`.
 * @packageDocumentation
 */
export { BullMqJobQueue, type BullMqJobQueueOptions } from "./bullmq-job-queue.js";
