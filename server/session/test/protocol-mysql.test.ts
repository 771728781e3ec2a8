import { describeWith } from './support/services'
import { describeSessionProtocol } from './support/protocol-suite'
import { sqlHarness } from './support/sql'

describeWith('mysql')('MariaDB / MySQL', () => {
  describeSessionProtocol('MariaDB / MySQL', () => sqlHarness('mysql'))
})
