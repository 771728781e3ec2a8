import { describeMatrixCell } from '../src/journeys/matrix'

describeMatrixCell('redis', { redisDb: 9 })
