import { serviceMissing } from '../../server/session/test/support/services'
import { launchServer, type ServerProcess } from './servers'
import {
  provisionStore,
  STORE_LABELS,
  STORE_SERVICE,
  type ProvisionOptions,
  type ProvisionedStore,
  type StoreName,
} from './stores'

/** One cell of the matrix while its tests run: the store, and a server process on it. */
export interface Cell {
  readonly name: StoreName
  readonly store: ProvisionedStore
  /** The server every flow of the file shares. */
  readonly server: ServerProcess
  /** Another server process on the same store (started on first use, stopped with the cell). */
  launchAnother(env?: Record<string, string>): Promise<ServerProcess>
}

/**
 * `describe` one matrix cell: provision its store and start one server process before the
 * tests, stop and clean up after. A cell whose CI service is down is skipped with a loud line
 * outside CI (the global setup fails the run under `CI=true`).
 */
export function describeCell(
  name: StoreName,
  options: ProvisionOptions,
  body: (cell: () => Cell) => void,
): void {
  const service = STORE_SERVICE[name]
  const describeOrSkip = service !== null && serviceMissing(service) ? describe.skip : describe
  describeOrSkip(STORE_LABELS[name], () => {
    let current: Cell | undefined
    const others: ServerProcess[] = []
    beforeAll(async () => {
      const store = await provisionStore(name, options)
      try {
        const server = await launchServer(store.env)
        current = {
          name,
          store,
          server,
          async launchAnother(env = {}) {
            const another = await launchServer({ ...store.env, ...env })
            others.push(another)
            return another
          },
        }
      } catch (error) {
        await store.close()
        throw error
      }
    })
    afterAll(async () => {
      if (!current) return
      await Promise.all([current.server, ...others].map((s) => s.stop()))
      await current.store.close()
    })
    body(() => {
      if (!current) throw new Error(`the ${name} cell did not start (see the beforeAll error)`)
      return current
    })
  })
}
