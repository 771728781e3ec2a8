/**
 * The demo mini-program. Pages are written as `Component({...})` (WeChat's Component-as-page
 * form) so that miniprogram-simulate can render them in tests; they share one SDK client
 * (`api.ts`) configured in `config.ts`.
 */
App({})
