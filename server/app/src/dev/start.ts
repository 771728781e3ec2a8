/**
 * `npm start`'s entry point: the demo server in development. It sets `NODE_ENV=development`
 * when the environment has none, so that the dev WeChat stand-in answers without
 * `WECHAT_APPID` (see `loadConfig`), then starts as `main.js` does. Setting it here instead of
 * in the npm script (`NODE_ENV=development node …`) keeps `npm start` working in shells
 * without POSIX variable prefixes (Windows `cmd`, PowerShell). A `NODE_ENV` already set is
 * kept: `NODE_ENV=production npm start` still refuses to start without WeChat credentials.
 */
import { exitOnStartFailure, main } from '../main'

process.env.NODE_ENV ||= 'development'

main().catch(exitOnStartFailure)
