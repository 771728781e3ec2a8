import { describeWith } from './support/services'
import { describeSessionProtocol } from './support/protocol-suite'
import { sqlHarness } from './support/sql'

describeWith('postgres')('PostgreSQL', () => {
  describeSessionProtocol('PostgreSQL', () => sqlHarness('pg'))
})
