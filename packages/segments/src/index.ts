export {
  ZSegmentRules,
  ZRule,
  ZRuleGroup,
  RULE_TYPES,
  isRuleGroup,
  type TRule,
  type TRuleGroup,
  type TRuleType,
  type TSegmentRules,
} from "./rules";
export { compileSegmentCondition } from "./compile";
export { countSegment, listSegmentSpectatorIds, parseSegmentRules, segmentWhere, InvalidSegmentError } from "./query";
