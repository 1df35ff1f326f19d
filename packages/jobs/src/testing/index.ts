export { testRedisUrl, uniqueQueuePrefix, removeQueuePrefix } from "./redis";
