import { Resource } from "sst";

/**
 * Runs `body` with one linked resource pointing elsewhere (a queue, topic, stream or bucket that
 * does not exist), as a function would see it if the resource were gone: the emulator then
 * refuses the calls as the service would. SST's `Resource` reads the links once into one object;
 * the link is put back afterwards, whatever happens.
 */
export async function withLink<T>(name: string, value: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const links = Resource as unknown as Record<string, unknown>;
  const saved = links[name];
  links[name] = { ...(saved as object), ...value };
  try {
    return await body();
  } finally {
    links[name] = saved;
  }
}
