// The ESM entry point: `import` gets the CommonJS build's exports by name, so a program that
// both imports and requires the package shares one copy of it (one `Session` class, one set
// of error classes for `instanceof`).
export * from './index.js'
