// setupFiles: `wx` must exist before miniprogram-simulate is required, which merges its own
// stubs (showToast, ...) under ours. Test files read it back with `wxNode()`.
import { createWxNode } from './support/wx-node'

Object.assign(globalThis, { wx: createWxNode() })
