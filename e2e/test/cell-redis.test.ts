import { describeMatrixCell } from '../src/journeys/matrix'

describeMatrixCell('redis')
