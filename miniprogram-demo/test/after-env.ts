import { wxNode } from './support/page'

// No request may outlive its test: its callback would land in a torn-down environment (recipe
// pitfall 3). After the last test, the runtime drops whatever might still come.
afterEach(() => wxNode().idle())
afterAll(() => wxNode().close())
