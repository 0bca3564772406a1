export * from './topic.catalog';
export * from './event-codec';
export * from './generated/oversight/events/v1/envelope_pb';
export * from './generated/oversight/events/v1/complaints_pb';
export * from './generated/oversight/events/v1/platform_pb';
export { timestampDate } from '@bufbuild/protobuf/wkt';
export * from './generated/oversight/events/v1/notifications_pb';
export * from './generated/oversight/events/v1/oocr_pb';
export * from './generated/oversight/events/v1/knife_swaps_pb';
