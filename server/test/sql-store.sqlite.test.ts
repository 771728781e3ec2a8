import { describeSqlStore } from './support/sql-store-suite'

describeSqlStore('sqlite')
