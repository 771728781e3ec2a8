import { describeSessionProtocol } from './support/protocol-suite'
import { sqlHarness } from './support/sql'

describeSessionProtocol('sqlite', () => sqlHarness('sqlite'))
