/**
 * @jest-environment jsdom
 */
import { describeMiniProgramCell } from '../src/journeys/miniprogram-journey'

describeMiniProgramCell('redis')
