// Keys of the LiveKit stand-ins used by the demo and the e2e suite; never real credentials.
export const DEMO_LIVEKIT = { apiKey: "APIdemoCountersign", apiSecret: "demo-livekit-secret-not-for-production-0001" };
export const DEMO_INGEST = { key: "ingest_demo", secret: "demo-transcript-ingest-secret-not-for-production" };
