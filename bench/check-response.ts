export interface ResponseCheck {
  /** Body, content-type and ETag identical from Beacon and from the bare server (uncompressed). */
  readonly sameBytes: boolean;
  /** Beacon answers 304 to If-None-Match with its own ETag. */
  readonly notModified: boolean;
  readonly etag: string | null;
  /** What a browser downloads: Beacon's answer to `Accept-Encoding: gzip, br`, with its encoding. */
  readonly compressed: { readonly encoding: string; readonly bytes: number } | null;
}

// The load runs send no Accept-Encoding, so they compare uncompressed bytes; so does this check.
const IDENTITY = { 'accept-encoding': 'identity' };

/** Before loading anything: are both servers sending the same document, and does revalidation work? */
export async function checkSameResponse(
  beaconOrigin: string,
  bareOrigin: string,
  path: string,
): Promise<ResponseCheck> {
  const [beacon, bare] = await Promise.all([
    fetch(beaconOrigin + path, { headers: IDENTITY }),
    fetch(bareOrigin + path, { headers: IDENTITY }),
  ]);
  const [beaconBody, bareBody] = await Promise.all([beacon.arrayBuffer(), bare.arrayBuffer()]);
  const etag = beacon.headers.get('etag');
  const sameBytes =
    beacon.status === 200 &&
    bare.status === 200 &&
    Buffer.from(beaconBody).equals(Buffer.from(bareBody)) &&
    etag === bare.headers.get('etag') &&
    beacon.headers.get('content-type') === bare.headers.get('content-type');
  let notModified = false;
  if (etag !== null) {
    const again = await fetch(beaconOrigin + path, { headers: { ...IDENTITY, 'if-none-match': etag } });
    await again.arrayBuffer();
    notModified = again.status === 304;
  }
  const browser = await fetch(beaconOrigin + path, { headers: { 'accept-encoding': 'gzip, br' } });
  await browser.arrayBuffer();
  const encoding = browser.headers.get('content-encoding');
  const bytes = Number(browser.headers.get('content-length') ?? Number.NaN);
  return { sameBytes, notModified, etag, compressed: encoding === null ? null : { encoding, bytes } };
}
