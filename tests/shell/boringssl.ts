import type { NameKind } from './crypto-inventory';

/**
 * What node:crypto can do inside Electron 41 (Node 24.17 built on Chromium 146's BoringSSL, not OpenSSL), for
 * the functions and names the app may use. Node on this machine has OpenSSL and says yes to far more: SM3, SHA-3,
 * ChaCha20-Poly1305, secp256k1, Ed448… all of which throw in the desktop app. Anything the code Electron runs asks
 * for must be on these lists; adding to them needs a source.
 *
 * Sources (read at electron/electron v41.9.2 and google/boringssl as of 2026-08):
 * [E1] electron/electron patches/node/fix_crypto_tests_to_run_with_bssl.patch — the Node crypto tests Electron
 *      disables or rewrites for BoringSSL: sha3-512 replaced by sha512 (test-crypto-hash-stream-pipe), XOF hashes
 *      skipped (test-crypto-oneshot-hash-xof), chacha20-poly1305 and aes-128-ccm skipped (test-crypto-authenticated),
 *      id-aes128-wrap skipped, ed448/x448 and secp256k1 key objects removed, DSA signing and RSA-PSS keys skipped,
 *      ML-DSA skipped; scrypt kept (only its error text differs).
 * [E2] electron/electron script/node-disabled-tests.json — whole suites not run under BoringSSL (aes-wrap, des3-wrap,
 *      dh groups, keygen, rsa-dsa, webcrypto cfrg and wrap/unwrap).
 * [E3] electron/electron#34925 and #34942 — SM3/SM2 in Electron's crypto: declined (BoringSSL has neither).
 * [B1] google/boringssl decrepit/evp/evp_do_all.cc — the digests and ciphers BoringSSL enumerates, which is what
 *      Electron's Node reports from getHashes()/getCiphers() (nodejs/node 520ab7a: "matching Electron's patched
 *      BoringSSL build").
 * [B2] google/boringssl crypto/pkcs8/p5_pbev2.cc kCipherOIDs — the ciphers a PKCS#8 PEM can be encrypted with.
 * [B3] google/boringssl crypto/fipsmodule/ec/ec.cc.inc — the named curves: P-224, P-256, P-384, P-521 only.
 * [B4] google/boringssl crypto/fipsmodule/rsa/rsa_impl.cc.inc, crypto/evp/p_rsa.cc — RSA paddings: PKCS#1 v1.5,
 *      none, OAEP (PSS through sign/verify options).
 */
export const boringssl: { functions: ReadonlySet<string> } & Record<NameKind, ReadonlySet<string>> = {
  /** node:crypto functions and classes known to work on BoringSSL, each either taking no algorithm or checked below. */
  functions: new Set([
    // [B1]: hashing and HMAC with the digests below.
    'createHash',
    'hash',
    'createHmac',
    // [B4]: RSA and EC(DSA) signatures; the digest is checked.
    'sign',
    'verify',
    'createSign',
    'createVerify',
    'privateEncrypt',
    'publicDecrypt',
    'publicEncrypt',
    'privateDecrypt',
    // [E1]: only RSA-PSS and DSA keys are skipped; rsa/ec/ed25519 key objects and generation are tested.
    'generateKeyPair',
    'generateKeyPairSync',
    'createPrivateKey',
    'createPublicKey',
    'createSecretKey',
    'KeyObject',
    'X509Certificate',
    'constants',
    // [E1]: test-crypto-scrypt runs (its error text differs); PBKDF2 and HKDF are core BoringSSL.
    'scrypt',
    'scryptSync',
    'pbkdf2',
    'pbkdf2Sync',
    'hkdf',
    'hkdfSync',
    // [B1]: AES modes below.
    'createCipheriv',
    'createDecipheriv',
    'randomBytes',
    // The deprecated alias of randomBytes (DEP0115), still in Node 24; `tmp` falls back to it.
    'pseudoRandomBytes',
    'randomFillSync',
    'randomInt',
    'randomUUID',
    'timingSafeEqual',
    'getHashes',
    'getCiphers',
    'getCurves',
  ]),
  // [B1]; no sha3-*, shake*, sm3, ripemd160, blake2 [E1][E3].
  digest: new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-256']),
  // [B1] AES-CBC/CTR/ECB/OFB/GCM; no chacha20-poly1305, aes-*-ccm, aes-*-ocb, id-aes*-wrap, sm4 [E1][E2].
  cipher: new Set(
    ['128', '192', '256'].flatMap((bits) => ['cbc', 'ctr', 'ecb', 'ofb', 'gcm'].map((mode) => `aes-${bits}-${mode}`)),
  ),
  // [B2]: what an exported private key (PKCS#8 PEM) can be encrypted with.
  keyCipher: new Set(['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'des-ede3-cbc']),
  // [E1][E2]: rsa, ec and the 25519 pair; no rsa-pss, dsa, dh, ed448, x448, ml-dsa, sm2.
  keyType: new Set(['rsa', 'ec', 'ed25519', 'x25519']),
  // [B3]; no secp256k1 [E1], no SM2's curve.
  curve: new Set(['prime256v1', 'P-256', 'secp384r1', 'P-384', 'secp521r1', 'P-521']),
  // [B4]
  padding: new Set(['RSA_PKCS1_PADDING', 'RSA_NO_PADDING', 'RSA_PKCS1_OAEP_PADDING', 'RSA_PKCS1_PSS_PADDING']),
};
