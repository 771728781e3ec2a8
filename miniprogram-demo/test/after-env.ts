import { wxNode } from './support/page'

// No request may outlive its test: its callback would land in a torn-down environment.
afterEach(() => wxNode().idle())
