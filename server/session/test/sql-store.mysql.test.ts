import { describeWith } from './support/services'
import { describeSqlStore } from './support/sql-store-suite'

describeWith('mysql')('SQL store on MySQL/MariaDB', () => describeSqlStore('mysql'))
