export {
  customerProfile,
  type CurrencyRevenue,
  type CustomerProfile,
  type RfmValues,
} from './customerProfile.ts';
export {
  DEFAULT_PROFILE_RULES,
  mergeProfileRules,
  type ProfileRules,
  type ProfileRulesPatch,
  type RfmBreakpoints,
} from './profileRules.ts';
export { rfmScoreDown, rfmScoreUp } from './rfmScore.ts';
export {
  orderBook,
  type OrderBook,
  type OrderBookEntry,
  type OrderEntry,
  type RefundEntry,
} from './orderBook.ts';
