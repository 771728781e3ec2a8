import { describeWith } from './support/services'
import { describeSqlStore } from './support/sql-store-suite'

describeWith('postgres')('SQL store on PostgreSQL', () => describeSqlStore('pg'))
