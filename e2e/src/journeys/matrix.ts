import { describeCell } from '../cell'
import { fetchKit, wxKit } from '../clients'
import type { ProvisionOptions, StoreName } from '../stores'
import { describeBrowserJourney } from './browser-journey'
import { describeColdStart } from './cold-start'
import { describeLoginRace } from './login-race'
import { describeScaleOut } from './scale-out'
import { describeSdkJourney, type JourneyTarget } from './sdk-journey'

/**
 * Every Node-side flow against one store: the SDK journey over the wx runtime and over fetch,
 * the cold start, writes racing a login or logout, scale-out (the journey again through two processes), and the H5 page in
 * Chromium. One server process serves the whole file.
 */
export function describeMatrixCell(name: StoreName, options: ProvisionOptions = {}): void {
  describeCell(name, options, (cell) => {
    const target = (): JourneyTarget => ({
      baseURL: cell().server.url,
      standInUrl: cell().server.standInUrl,
      servers: [cell().server],
    })
    describeSdkJourney(wxKit, target)
    describeSdkJourney(fetchKit, target)
    describeColdStart(target)
    describeLoginRace(target)
    describeScaleOut(cell)
    describeBrowserJourney(cell)
  })
}
