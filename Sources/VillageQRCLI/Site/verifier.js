// The household code verifier page: reads a household code from the page's fragment (or a pasted code), checks it
// in the browser and shows the verdict and the record. Nothing is sent anywhere.
//
// It follows the specification "Household code, format version 1" and gives every code the verdict and reason
// `villageqr household verify` gives it:
//   - the EMV TLV grammar as lenient reading applies it, the CRC-16/CCITT-FALSE, and the household structure;
//   - the Ed25519 signature, through WebCrypto;
//   - the trust list, the key's scope and dates, the revocation list, and expiry against today in Vietnam (UTC+7).
// The trust list, the revocation list, the commune and province names and the code tables come from trust.js,
// which `villageqr household site` writes from the library's own tables.
//
// Plain JavaScript with no dependencies and no build step. Text from a code is only ever put on the page as text
// (textContent), never as markup.
"use strict";

(function () {
    const DATA = globalThis.VILLAGEQR_SITE;

    // MARK: Errors

    /** A reason a code is malformed: a stable code (the CLI's), a byte offset and a tag path. */
    class CodeError {
        constructor(code, offset, path, message) {
            this.code = code;
            this.offset = offset;
            this.path = path;
            this.message = message;
        }
    }

    function fail(code, offset, path, message) {
        throw new CodeError(code, offset, path, message);
    }

    const MAXIMUM_LENGTH = 512;
    const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const lossy = new TextDecoder("utf-8", { ignoreBOM: true });

    // MARK: CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR)

    const CRC_TABLE = (() => {
        const table = new Uint16Array(256);
        for (let b = 0; b < 256; b++) {
            let c = b << 8;
            for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
            table[b] = c;
        }
        return table;
    })();

    function crc16(bytes, end) {
        let c = 0xffff;
        for (let i = 0; i < end; i++) c = ((c << 8) & 0xffff) ^ CRC_TABLE[((c >> 8) ^ bytes[i]) & 0xff];
        return c;
    }

    function hexValue(byte) {
        if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
        if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
        if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
        return -1;
    }

    // MARK: The EMV TLV grammar, read leniently

    const isDigit = (b) => b >= 0x30 && b <= 0x39;

    function isTopLevelTemplate(tag) {
        return (tag >= 26 && tag <= 51) || tag === 62 || tag === 64 || (tag >= 80 && tag <= 99);
    }

    function pathText(path) {
        return path.map((t) => (t < 10 ? "0" : "") + t).join(".");
    }

    /** NAPAS (VietQR) nests its beneficiary under child 01 of a merchant account template whose GUID is this. */
    const NAPAS_GUID = [0x41, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x37, 0x32, 0x37];

    /**
     * One reading of the payload, its lengths counted in UTF-8 bytes or in Unicode scalars. Fields are
     * `{tag, path, header, valueStart, valueEnd, isTemplate, children}`.
     */
    class Parser {
        constructor(bytes, countsCharacters) {
            this.b = bytes;
            this.count = bytes.length;
            this.chars = countsCharacters;
            this.duplicates = [];
        }

        advance(start, length, limit) {
            if (!this.chars) return start + length <= limit ? start + length : -1;
            let position = start;
            for (let k = 0; k < length; k++) {
                if (position >= limit) return -1;
                const lead = this.b[position];
                position += lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
            }
            return position <= limit ? position : -1;
        }

        header(position, path) {
            const b = this.b;
            if (isDigit(b[position]) && isDigit(b[position + 1]) && isDigit(b[position + 2]) && isDigit(b[position + 3])) {
                return {
                    tag: (b[position] - 0x30) * 10 + (b[position + 1] - 0x30),
                    length: (b[position + 2] - 0x30) * 10 + (b[position + 3] - 0x30),
                };
            }
            let bad = position;
            while (bad < position + 4 && isDigit(b[bad])) bad++;
            return fail("invalidDigit", bad, path, `byte ${bad}: an ID or length holds something other than a digit`);
        }

        top() {
            const fields = [];
            const seen = new Set();
            let position = 0;
            let crcSeen = false;
            while (position < this.count) {
                if (this.count - position < 4) {
                    fail("truncatedHeader", position, [], `byte ${position}: too few bytes left for an ID and a length`);
                }
                const { tag, length } = this.header(position, []);
                const valueStart = position + 4;
                const valueEnd = this.advance(valueStart, length, this.count);
                if (valueEnd < 0) {
                    fail("lengthOverrun", position, [tag], `tag ${pathText([tag])}: length ${length} runs past the end`);
                }
                if (position === 0 && tag !== 0) {
                    fail("formatIndicatorNotFirst", 0, [], "the code does not start with tag 00");
                }
                if (seen.has(tag)) this.duplicates.push({ offset: position, path: [tag] });
                seen.add(tag);
                const field = { tag, path: [tag], header: position, valueStart, valueEnd, isTemplate: false, children: [] };
                fields.push(field);
                if (isTopLevelTemplate(tag)) {
                    field.isTemplate = true;
                    const before = this.duplicates.length;
                    try {
                        field.children = this.children(tag, valueStart, valueEnd, [tag], 1);
                    } catch (error) {
                        // Lenient reading keeps an unreserved template (80–99) whose children do not parse as a
                        // plain value.
                        if (!(error instanceof CodeError) || tag < 80) throw error;
                        field.isTemplate = false;
                        field.children = [];
                        this.duplicates.length = before;
                    }
                } else if (tag === 63) {
                    this.checkCRC(position, length, valueStart, valueEnd);
                    crcSeen = true;
                }
                position = valueEnd;
            }
            if (!crcSeen) fail("crcMissing", this.count, [63], "the code ends without tag 63, the CRC");
            return fields;
        }

        checkCRC(position, length, valueStart, valueEnd) {
            if (length !== 4) fail("crcLength", position, [63], `tag 63 has length ${length}, not 04`);
            if (valueEnd !== this.count) fail("crcNotLast", position, [63], "tag 63 is not the last field");
            let stated = 0;
            for (let i = valueStart; i < valueEnd; i++) {
                const nibble = hexValue(this.b[i]);
                if (nibble < 0) fail("crcNotHex", i, [63], `the CRC holds a non-hex byte at byte ${i}`);
                stated = (stated << 4) | nibble;
            }
            const computed = crc16(this.b, valueStart);
            if (computed !== stated) {
                const hex = computed.toString(16).toUpperCase().padStart(4, "0");
                fail("crcMismatch", valueStart, [63], `CRC mismatch: the bytes before it give ${hex}`);
            }
        }

        children(parentTag, start, end, path, depth) {
            const out = [];
            const seen = new Set();
            let position = start;
            let guid = null;
            const isMerchantAccount = depth === 1 && (parentTag <= 51 || parentTag >= 80);
            while (position < end) {
                if (end - position < 4) {
                    fail("templateUnderfilled", position, path, `tag ${pathText(path)}: its children do not fill it`);
                }
                const { tag, length } = this.header(position, path);
                const valueStart = position + 4;
                const valueEnd = this.advance(valueStart, length, end);
                const childPath = path.concat([tag]);
                if (valueEnd < 0) {
                    fail("lengthOverrun", position, childPath, `tag ${pathText(childPath)}: length runs past its template`);
                }
                if (seen.has(tag)) this.duplicates.push({ offset: position, path: childPath });
                seen.add(tag);
                let isTemplate = false;
                if (depth === 1) {
                    if (parentTag === 62) {
                        isTemplate = tag >= 50;
                    } else if (isMerchantAccount) {
                        if (tag === 0) {
                            guid = this.b.subarray(valueStart, valueEnd);
                        } else if (guid !== null) {
                            isTemplate = tag === 1 && guid.length === 10 && NAPAS_GUID.every((v, i) => guid[i] === v);
                        }
                    }
                }
                const field = { tag, path: childPath, header: position, valueStart, valueEnd, isTemplate, children: [] };
                out.push(field);
                if (isTemplate) field.children = this.children(tag, valueStart, valueEnd, childPath, depth + 1);
                position = valueEnd;
            }
            return out;
        }
    }

    function scalarCount(bytes) {
        try {
            let n = 0;
            for (const _ of utf8.decode(bytes)) n++;
            return n;
        } catch {
            return -1;
        }
    }

    function oversized(length, unit) {
        return new CodeError("oversizedPayload", MAXIMUM_LENGTH, [], `the code is ${length} ${unit} long; at most 512`);
    }

    function attempt(bytes, countsCharacters) {
        const parser = new Parser(bytes, countsCharacters);
        try {
            return { fields: parser.top(), duplicates: parser.duplicates, characters: countsCharacters };
        } catch (error) {
            if (error instanceof CodeError) return { error };
            throw error;
        }
    }

    /** Reads the TLV structure; a reading whose lengths count characters is reported as such. */
    function parsePayload(bytes) {
        const count = bytes.length;
        if (count === 0) fail("emptyPayload", 0, [], "the code is empty");
        if (count > MAXIMUM_LENGTH * 4) throw oversized(count, "bytes");
        const ascii = bytes.every((b) => b < 0x80);
        if (ascii && count > MAXIMUM_LENGTH) throw oversized(count, "bytes");
        const asBytes = count <= MAXIMUM_LENGTH ? attempt(bytes, false) : { error: oversized(count, "bytes") };
        if (!asBytes.error || ascii) {
            if (asBytes.error) throw asBytes.error;
            return asBytes;
        }
        const scalars = scalarCount(bytes);
        if (scalars < 0) throw asBytes.error;
        if (scalars > MAXIMUM_LENGTH) throw oversized(scalars, "characters");
        const asCharacters = attempt(bytes, true);
        if (!asCharacters.error) return asCharacters;
        // The reading that got further; ties go to bytes.
        const c = asCharacters.error;
        throw c.code === "crcMismatch" || c.offset > asBytes.error.offset ? c : asBytes.error;
    }

    // MARK: The household code

    const TAG = { format: 0, householdID: 1, head: 2, village: 3, provinceCode: 4, communeName: 5, provinceName: 6,
        sanitation: 7, waste: 8, issued: 9, expires: 10, url: 11, keyID: 12, verifierAddress: 13, signature: 25,
        crc: 63 };
    const PRODUCT = { name: 1, category: 2, standard: 3, certificate: 4, season: 5, process: 6 };

    function value(bytes, field) {
        return bytes.subarray(field.valueStart, field.valueEnd);
    }

    function base64urlDecode(text) {
        if (text.length % 4 === 1) return null;
        const out = [];
        let buffer = 0;
        let bits = 0;
        for (const c of text) {
            const v = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(c);
            if (v < 0) return null;
            buffer = ((buffer << 6) | v) & 0xffffff;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.push((buffer >> bits) & 0xff);
            }
        }
        if ((buffer & ((1 << bits) - 1)) !== 0) return null;
        return new Uint8Array(out);
    }

    function isKeyIDByte(b) {
        return isDigit(b) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2e || b === 0x2d || b === 0x5f;
    }

    /**
     * Reads a household code's structure: the TLV grammar and CRC, the format indicator, no repeated tag, the
     * signature's place. Returns the code, whose `record` holds the decoded record or the error that stopped it.
     */
    function readCode(bytes) {
        const payload = parsePayload(bytes);
        const fields = payload.fields;
        const format = value(bytes, fields[0]);
        if (format.length !== 2 || format[0] !== 0x50) {
            const payment = format.length === 2 && format[0] === 0x30 && format[1] === 0x31;
            fail("notHouseholdCode", fields[0].valueStart, [0],
                "this is not a household code" + (payment ? "; it is an EMV payment code" : ""));
        }
        if (format[1] !== 0x31) fail("unsupportedVersion", fields[0].valueStart, [0], "a newer household format");
        if (payload.characters) fail("characterLengths", 0, [], "the lengths count characters, not UTF-8 bytes");
        if (payload.duplicates.length > 0) {
            const d = payload.duplicates[0];
            fail("duplicateTag", d.offset, d.path, `tag ${pathText(d.path)} appears twice`);
        }
        let keyID = null;
        let signature = null;
        let signatureOffset = bytes.length;
        const unknown = [];
        const last = fields.length - 1;
        fields.forEach((field, index) => {
            const v = value(bytes, field);
            if (field.tag === TAG.signature) {
                if (index + 1 !== last) {
                    fail("signatureNotLast", field.header, [25], "the signature must be followed by the CRC alone");
                }
                const raw = v.length === 86 ? base64urlDecode(lossy.decode(v)) : null;
                if (raw === null || raw.length !== 64) {
                    fail("invalidSignatureEncoding", field.valueStart, [25], "the signature is not 86 base64url characters");
                }
                signature = raw;
                signatureOffset = field.header;
            } else if (field.tag === TAG.keyID) {
                if (v.length < 1 || v.length > 32 || !v.every(isKeyIDByte)) {
                    fail("invalidField", field.valueStart, [12], "the key ID is not 1–32 letters, digits, '.', '-' or '_'");
                }
                keyID = lossy.decode(v);
            } else if (field.tag === TAG.crc) {
                if (signature === null) signatureOffset = field.header;
            } else if (!(field.tag <= TAG.verifierAddress || (field.tag >= 80 && field.tag <= 89))) {
                unknown.push(pathText(field.path));
            }
        });
        let record;
        try {
            record = { ok: decodeRecord(bytes, fields, unknown) };
        } catch (error) {
            if (!(error instanceof CodeError)) throw error;
            record = { error };
        }
        return { keyID, signature, signedBytes: bytes.subarray(0, signatureOffset), record, unknown };
    }

    function text(bytes, field) {
        try {
            return utf8.decode(value(bytes, field));
        } catch {
            return fail("invalidField", field.valueStart, field.path, `tag ${pathText(field.path)} is not UTF-8`);
        }
    }

    /** Text as signed: 1–99 UTF-8 bytes, no control or direction characters. */
    function checkedText(bytes, field, what) {
        const t = text(bytes, field);
        const length = field.valueEnd - field.valueStart;
        if (length === 0) fail("missingField", field.valueStart, field.path, `${what} is empty`);
        if (length > 99) fail("tooLong", field.valueStart, field.path, `${what} is longer than 99 bytes`);
        for (const c of t) {
            const s = c.codePointAt(0);
            if (s < 0x20 || (s >= 0x7f && s <= 0x9f) || (s >= 0x202a && s <= 0x202e) || (s >= 0x2066 && s <= 0x2069)) {
                fail("invalidField", field.valueStart, field.path, `${what} holds a control or direction character`);
            }
        }
        return t;
    }

    function daysIn(month, year) {
        if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
        return [4, 6, 9, 11].includes(month) ? 30 : 31;
    }

    /** `YYYYMMDD` → `YYYY-MM-DD`, or null for no such day. */
    function civilDate(digits) {
        if (!/^[0-9]{8}$/.test(digits)) return null;
        const year = Number(digits.slice(0, 4));
        const month = Number(digits.slice(4, 6));
        const day = Number(digits.slice(6, 8));
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return null;
        return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
    }

    function date(bytes, field) {
        const v = value(bytes, field);
        const d = v.length === 8 ? civilDate(lossy.decode(v)) : null;
        if (d === null) fail("invalidField", field.valueStart, field.path, `tag ${pathText(field.path)} is not a date`);
        return d;
    }

    function tableCode(bytes, field, table) {
        const v = value(bytes, field);
        const code = v.length === 2 ? lossy.decode(v) : "";
        if (!Object.hasOwn(DATA.codes[table], code)) {
            fail("unknownCode", field.valueStart, field.path, `"${lossy.decode(v)}" is not a known ${table} code`);
        }
        return code;
    }

    /** `"https://" 1*(printable ASCII but space)`, at most 99 bytes. */
    function checkedURL(bytes, field) {
        const t = text(bytes, field);
        const v = value(bytes, field);
        if (!t.startsWith("https://") || v.length <= 8 || v.length > 99 || !v.every((b) => b > 0x20 && b < 0x7f)) {
            fail("invalidField", field.valueStart, field.path, "not an https:// URL of at most 99 printable characters");
        }
        return t;
    }

    /** Tag 13: `https://` + a lowercase host and optional port + a path from `/`; no query, no fragment. */
    function checkedAddress(bytes, field) {
        const t = checkedURL(bytes, field);
        const path = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*";
        if (!new RegExp(`^https://[a-z0-9.-]+(?::[0-9]{1,5})?/${path}$`).test(t)) {
            fail("invalidField", field.valueStart, field.path, "the verifier address is not https://host/path");
        }
        return t;
    }

    /** Where a commune and province code stand in the lists: the 2025-07-01 list, or a plausible earlier code. */
    function matchPlace(communeCode, provinceCode) {
        const commune = DATA.places.communes[communeCode];
        if (commune !== undefined) {
            if (commune[0] !== provinceCode || DATA.places.provinces[provinceCode] === undefined) {
                fail("unknownPlace", 0, [], `commune ${communeCode} lies in province ${commune[0]}, not ${provinceCode}`);
            }
            return { current: true, communeName: commune[1], provinceName: DATA.places.provinces[provinceCode] };
        }
        const number = Number(communeCode);
        if (!/^[0-9]{5}$/.test(communeCode) || number < 1 || number > DATA.places.highestCommune) {
            fail("unknownPlace", 0, [], `"${communeCode}" is not a commune code`);
        }
        if (DATA.places.provinces[provinceCode] === undefined && !DATA.places.pre2025Provinces.includes(provinceCode)) {
            fail("unknownPlace", 0, [], `province code "${provinceCode}" is in neither list`);
        }
        return { current: false };
    }

    /** The record's fields, checked in the order the library checks them. */
    function decodeRecord(bytes, fields, unknown) {
        const top = (tag) => fields.find((f) => f.tag === tag);
        const required = (tag, what) => {
            const field = top(tag);
            if (field === undefined) fail("missingField", bytes.length, [tag], `the code has no ${what}`);
            return field;
        };
        const householdField = required(TAG.householdID, "household ID");
        const householdID = text(bytes, householdField);
        if (!/^[0-9]{5}-[0-9]{1,6}$/.test(householdID)) {
            fail("invalidField", householdField.valueStart, [1], `household ID "${householdID}" is not of the form 18223-0042`);
        }
        const head = checkedText(bytes, required(TAG.head, "head of household"), "the head of household's name");
        const village = checkedText(bytes, required(TAG.village, "village"), "the village");
        const communeCode = householdID.slice(0, 5);
        let provinceCode;
        let placeField;
        if (DATA.places.communes[communeCode] !== undefined && top(TAG.provinceCode) === undefined) {
            provinceCode = DATA.places.communes[communeCode][0];
            placeField = householdField;
        } else {
            placeField = required(TAG.provinceCode, "province code");
            provinceCode = text(bytes, placeField);
            if (!/^[0-9]{2}$/.test(provinceCode)) {
                fail("invalidField", placeField.valueStart, placeField.path, "the province code is not 2 digits");
            }
        }
        let match;
        try {
            match = matchPlace(communeCode, provinceCode);
        } catch (error) {
            if (error instanceof CodeError) error.offset = placeField.valueStart;
            if (error instanceof CodeError) error.path = placeField.path;
            throw error;
        }
        let communeName = match.communeName;
        let provinceName = match.provinceName;
        if (!match.current) {
            communeName = checkedText(bytes, required(TAG.communeName, "commune name"), "the commune");
            provinceName = checkedText(bytes, required(TAG.provinceName, "province name"), "the province");
        }
        const sanitation = tableCode(bytes, required(TAG.sanitation, "sanitation code"), "sanitation");
        const wasteField = required(TAG.waste, "waste treatment codes");
        const wasteBytes = value(bytes, wasteField);
        if (wasteBytes.length < 2 || wasteBytes.length % 2 !== 0) {
            fail("invalidField", wasteField.valueStart, [8], "the waste treatment codes are not whole two-letter codes");
        }
        const waste = [];
        for (let i = 0; i < wasteBytes.length; i += 2) {
            const code = lossy.decode(wasteBytes.subarray(i, i + 2));
            if (!Object.hasOwn(DATA.codes.waste, code) || waste.includes(code)) {
                fail("unknownCode", wasteField.valueStart + i, [8], `"${code}" is not a waste treatment code, or repeats`);
            }
            waste.push(code);
        }
        const issued = date(bytes, required(TAG.issued, "issue date"));
        const expiresField = required(TAG.expires, "expiry date");
        const expires = date(bytes, expiresField);
        if (expires < issued) fail("invalidValidity", expiresField.valueStart, [10], "the expiry date is before the issue date");
        const urlField = top(TAG.url);
        const url = urlField === undefined ? null : checkedURL(bytes, urlField);
        const addressField = top(TAG.verifierAddress);
        const verifierAddress = addressField === undefined ? null : checkedAddress(bytes, addressField);

        const products = [];
        for (const field of fields) {
            if (field.tag < 80 || field.tag > 89) continue;
            if (field.tag !== 80 + products.length) {
                fail("productOutOfOrder", field.header, field.path, "products are numbered from 80 without gaps");
            }
            products.push(decodeProduct(bytes, field, unknown));
        }
        return { householdID, head, village, communeCode, communeName, provinceCode, provinceName,
            pre2025: !match.current, sanitation, waste, issued, expires, url, verifierAddress, products };
    }

    function decodeProduct(bytes, template, unknown) {
        const required = (tag, what) => {
            const field = template.children.find((f) => f.tag === tag);
            if (field === undefined) {
                fail("missingField", template.header, template.path.concat([tag]), `product ${pathText(template.path)} has no ${what}`);
            }
            return field;
        };
        const optional = (tag, what) => {
            const field = template.children.find((f) => f.tag === tag);
            return field === undefined ? null : checkedText(bytes, field, what);
        };
        for (const child of template.children) {
            if (child.tag < 1 || child.tag > 6) unknown.push(pathText(child.path));
        }
        const name = checkedText(bytes, required(PRODUCT.name, "name"), "the product name");
        const category = tableCode(bytes, required(PRODUCT.category, "category"), "category");
        const standard = tableCode(bytes, required(PRODUCT.standard, "standard"), "standard");
        const certificate = optional(PRODUCT.certificate, "the certificate number");
        const season = checkedText(bytes, required(PRODUCT.season, "season"), "the season");
        const process = optional(PRODUCT.process, "the production note");
        return { name, category, standard, certificate, season, process };
    }

    // MARK: Trust

    /** Today's date in Vietnam, which keeps UTC+7 all year, as `YYYY-MM-DD`. */
    function todayInVietnam() {
        return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
    }

    /** A household is in its key's scope when its commune, or the province it lies in, is listed. */
    function inScope(record, key) {
        const scope = key.scope || {};
        return (scope.communes || []).includes(record.communeCode) || (scope.provinces || []).includes(record.provinceCode);
    }

    class Unsupported extends Error {}

    const importedKeys = new Map();

    async function publicKey(entry) {
        if (!importedKeys.has(entry.keyId)) {
            const raw = base64urlDecode(entry.publicKey);
            if (!globalThis.crypto || !crypto.subtle) throw new Unsupported("no WebCrypto");
            try {
                importedKeys.set(entry.keyId, await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]));
            } catch (error) {
                throw new Unsupported(String(error));
            }
        }
        return importedKeys.get(entry.keyId);
    }

    async function signatureMatches(entry, signature, signedBytes) {
        const key = await publicKey(entry);
        try {
            return await crypto.subtle.verify({ name: "Ed25519" }, key, signature, signedBytes);
        } catch (error) {
            throw new Unsupported(String(error));
        }
    }

    /**
     * Verifies a code's bytes. The first check that fails gives the verdict:
     * structure, signature present, key known, signature, key withdrawn, fields, scope, key revoked from a date,
     * key's dates, household revoked, expiry. Throws `Unsupported` when the browser cannot check Ed25519.
     */
    async function verify(bytes, today) {
        const result = (verdict, reason, extra) => Object.assign({ verdict, reason }, extra);
        let code;
        try {
            code = readCode(bytes);
        } catch (error) {
            if (error instanceof CodeError) return result("malformed", error.code, { error });
            throw error;
        }
        const record = code.record.ok || null;
        const base = { keyID: code.keyID, record, unknown: code.unknown };
        if (code.signature === null) {
            if (code.record.error) return result("malformed", code.record.error.code, { ...base, error: code.record.error });
            return result("unsigned", "noSignature", base);
        }
        if (code.keyID === null) {
            const error = new CodeError("missingField", code.signedBytes.length, [12], "the code is signed but names no key");
            return result("malformed", "missingField", { ...base, error });
        }
        const entry = DATA.trust.keys.find((k) => k.keyId === code.keyID);
        if (entry === undefined) return result("unknownKey", "keyNotInTrustList", base);
        const signed = { ...base, signer: entry };
        if (!(await signatureMatches(entry, code.signature, code.signedBytes))) {
            return result("badSignature", "signatureMismatch", signed);
        }
        if (entry.status === "revoked" && !entry.revokedOn) return result("revoked", "keyRevoked", signed);
        if (code.record.error) return result("malformed", code.record.error.code, { ...signed, error: code.record.error });
        if (!inScope(record, entry)) return result("outOfScope", "householdOutOfScope", signed);
        if (entry.status === "revoked" && record.issued >= entry.revokedOn) return result("revoked", "keyRevoked", signed);
        if (record.issued < entry.from || record.issued > entry.until) {
            return result("unknownKey", "keyNotValidOnIssueDate", signed);
        }
        const revocation = DATA.revoked.find((r) => r.householdId === record.householdID);
        if (revocation !== undefined && record.issued < revocation.issuedBefore) {
            return result("revoked", "householdRevoked", { ...signed, revocation });
        }
        if (record.expires < today) return result("expired", "expiredOn", signed);
        return result("verified", "signatureValid", signed);
    }

    // MARK: The link form

    // `https://HOST/PATH#` + the code's bytes, percent-encoded: issuers write each byte outside A-Z a-z 0-9
    // - . _ ~ : / as %XX; a reader takes any other character of RFC 3986's fragment set as itself.
    const FRAGMENT_CHARACTER = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;

    /**
     * The code's bytes from a link's fragment (the text after the first `#`): it must begin with `0002P`, and is
     * percent-decoded byte by byte. Throws a `CodeError` for a fragment that is not a household code's.
     */
    function codeFromFragment(fragment) {
        if (!fragment.startsWith("0002P")) fail("notHouseholdCode", 0, [], "the link's fragment is not a household code");
        const out = [];
        for (let i = 0; i < fragment.length; ) {
            if (fragment[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(fragment.slice(i + 1, i + 3))) {
                out.push(parseInt(fragment.slice(i + 1, i + 3), 16));
                i += 3;
            } else if (FRAGMENT_CHARACTER.test(fragment[i])) {
                out.push(fragment.charCodeAt(i));
                i += 1;
            } else {
                fail("invalidLinkEncoding", i, [], `character ${i} of the link's fragment is not allowed there`);
            }
        }
        if (out.length > MAXIMUM_LENGTH) fail("tooLong", MAXIMUM_LENGTH, [], `the code is ${out.length} bytes; at most 512`);
        return new Uint8Array(out);
    }

    /**
     * What was scanned or pasted, as the code's bytes, the way the library recognises it: text that begins with
     * `0002P` is a code; text whose first `#` is followed by `0002P` is a link, which must begin with `https://`
     * and is decoded from its fragment; anything else is verified as it is (and reads as malformed).
     * Returns `{bytes, link}`; throws a `CodeError` for a broken link.
     */
    function codeFromText(input) {
        const hash = input.indexOf("#");
        if (input.startsWith("0002P") || hash < 0 || !input.startsWith("0002P", hash + 1)) {
            return { bytes: new TextEncoder().encode(input), link: false };
        }
        if (!/^https:\/\//i.test(input)) fail("invalidLinkScheme", 0, [], "a household code's link begins with https://");
        for (let i = 0; i < hash; i++) {
            const c = input.charCodeAt(i);
            if (c <= 0x20 || c >= 0x7f) fail("invalidLinkEncoding", i, [], `character ${i} of the link is not allowed`);
        }
        return { bytes: codeFromFragment(input.slice(hash + 1)), link: true };
    }

    /** The page's address as a link base: origin and path, without a trailing `index.html` or `/`. */
    function linkBase(address) {
        return address.replace(/index\.html$/, "").replace(/\/$/, "");
    }

    globalThis.VillageQRVerifier = { verify, readCode, codeFromFragment, codeFromText, todayInVietnam };
    if (typeof document === "undefined" || DATA === undefined) return;

    // MARK: The page

    const root = document.documentElement;
    const $ = (id) => document.getElementById(id);
    let language = "vi";
    let last = null;
    let run = 0;

    const STRINGS = {
        vi: {
            title: "Kiểm tra nguồn gốc hộ gia đình",
            switchTo: "English",
            switchLabel: "Switch to English",
            idle: "Trang này kiểm tra mã QR của hộ gia đình in trên bao bì nông sản. Hãy dùng camera của điện thoại "
                + "quét mã trên tem: điện thoại sẽ mở trang này và trang cho biết mã có đúng do xã ký hay không, "
                + "ngay trên máy, không cần mạng. Hoặc dán mã vào ô dưới đây.",
            checking: "Đang kiểm tra…",
            unsupported: "Trình duyệt này không kiểm tra được chữ ký Ed25519 nên KHÔNG THỂ xác thực mã. Hãy cập nhật "
                + "trình duyệt (Chrome 137+, Firefox 129+, Safari 17+) rồi mở lại trang.",
            insecure: "Trang phải được mở qua https (hoặc từ tệp trên máy) thì mới kiểm tra được chữ ký.",
            warning: "CẢNH BÁO: thông tin dưới đây CHƯA được xác thực.",
            otherVerifier: "Mã này thuộc về trang kiểm tra khác: ",
            scanned: "Nội dung đã quét",
            pasteLabel: "Dán mã hoặc đường liên kết",
            recordLabel: "Hồ sơ hộ gia đình",
            check: "Kiểm tra",
            trustHeading: "Danh sách tin cậy",
            trustKeys: (n) => `${n} khóa`,
            trustDate: "ngày",
            trustWritten: "trang được tạo ngày",
            trustNext: "cập nhật tiếp theo",
            stale: "ĐÃ QUÁ HẠN CẬP NHẬT — danh sách có thể đã cũ",
            revokedCount: (n) => `${n} hộ bị thu hồi`,
            fields: { household: "Mã hộ", head: "Chủ hộ", address: "Địa chỉ", sanitation: "Nhà tiêu",
                waste: "Xử lý rác thải", product: "Sản phẩm", standard: "Tiêu chuẩn", certificate: "Số chứng nhận",
                season: "Mùa vụ / thu hoạch", process: "Quy trình", valid: "Hiệu lực", url: "Thông tin thêm",
                signer: "Người ký", key: "Khóa" },
            reasons: {
                signatureValid: (r) => `Do ${r.signer.owner} ký (khóa ${r.keyID}).`,
                noSignature: () => "Mã không có chữ ký nên không chứng minh được nguồn gốc.",
                keyNotInTrustList: (r) => `Khóa ${r.keyID} không có trong danh sách tin cậy; không kiểm tra được.`,
                signatureMismatch: (r) => `Chữ ký không khớp với nội dung mã (khóa ${r.keyID}): mã đã bị sửa hoặc bị giả mạo.`,
                keyRevoked: (r) => `Khóa ${r.keyID} của ${r.signer.owner} đã bị thu hồi.`,
                householdOutOfScope: (r) => `Do ${r.signer.owner} ký, nhưng khóa này không được xác nhận cho hộ ở xã ${r.record.communeCode}.`,
                keyNotValidOnIssueDate: (r) => `Khóa ${r.keyID} chỉ ký các mã phát hành từ ${r.signer.from} đến ${r.signer.until}, không phải ngày ${r.record.issued}.`,
                householdRevoked: (r) => `Các mã phát hành trước ngày ${r.revocation.issuedBefore} của hộ ${r.record.householdID} đã bị thu hồi.`,
                expiredOn: (r) => `Mã đã hết hạn ngày ${r.record.expires}.`,
                malformed: (r) => `Mã bị hỏng hoặc không phải mã hộ gia đình (${r.reason}, byte ${r.error.offset}).`,
            },
        },
        en: {
            title: "Household origin check",
            switchTo: "Tiếng Việt",
            switchLabel: "Chuyển sang tiếng Việt",
            idle: "This page checks the household QR code printed on a bag of produce. Point the phone's camera at the "
                + "sticker: the phone opens this page, which tells you on the phone itself, with no network, whether "
                + "the commune signed the code. Or paste a code below.",
            checking: "Checking…",
            unsupported: "This browser cannot check Ed25519 signatures, so it CANNOT verify the code. Update the browser "
                + "(Chrome 137+, Firefox 129+, Safari 17+) and open the page again.",
            insecure: "Open the page over https (or from a file on the device) to check signatures.",
            warning: "WARNING: the record below is NOT vouched for.",
            otherVerifier: "This code belongs to another verifier: ",
            scanned: "What was scanned",
            pasteLabel: "Paste a code or a link",
            recordLabel: "The household's record",
            check: "Check",
            trustHeading: "Trust list",
            trustKeys: (n) => `${n} key${n === 1 ? "" : "s"}`,
            trustDate: "dated",
            trustWritten: "site written",
            trustNext: "next update",
            stale: "PAST ITS UPDATE DATE — the list may be out of date",
            revokedCount: (n) => `${n} household${n === 1 ? "" : "s"} revoked`,
            fields: { household: "Household", head: "Head of household", address: "Address", sanitation: "Toilet",
                waste: "Waste treatment", product: "Product", standard: "Standard", certificate: "Certificate",
                season: "Season / harvest", process: "Process", valid: "Valid", url: "More", signer: "Signer",
                key: "Key" },
            reasons: {
                signatureValid: (r) => `Signed by ${r.signer.owner} (key ${r.keyID}).`,
                noSignature: () => "The code carries no signature; it proves nothing.",
                keyNotInTrustList: (r) => `Key ${r.keyID} is not in the trust list; cannot check.`,
                signatureMismatch: (r) => `The signature does not match the code's bytes for key ${r.keyID}: altered or forged.`,
                keyRevoked: (r) => `Key ${r.keyID} of ${r.signer.owner} has been revoked.`,
                householdOutOfScope: (r) => `Signed by ${r.signer.owner}, which may not vouch for households of ${r.record.communeCode}.`,
                keyNotValidOnIssueDate: (r) => `Key ${r.keyID} signs codes issued ${r.signer.from} to ${r.signer.until}, not on ${r.record.issued}.`,
                householdRevoked: (r) => `Codes for ${r.record.householdID} issued before ${r.revocation.issuedBefore} are withdrawn.`,
                expiredOn: (r) => `The code expired on ${r.record.expires}.`,
                malformed: (r) => `The code is damaged or not a household code (${r.reason}, byte ${r.error.offset}).`,
            },
        },
    };

    // The library's labels come with the data; a verdict the data predates gets one here.
    const FALLBACK_VERDICTS = { outOfScope: { vi: "NGOÀI PHẠM VI — KHÔNG ĐƯỢC XÁC NHẬN", en: "OUT OF SCOPE — NOT VOUCHED FOR" } };
    const COLOURS = { verified: "good", badSignature: "bad", outOfScope: "bad", revoked: "bad", expired: "stale",
        unsigned: "unknown", unknownKey: "unknown", malformed: "unknown" };

    function element(tag, textContent, className) {
        const e = document.createElement(tag);
        if (textContent !== undefined) e.textContent = textContent;
        if (className) e.className = className;
        return e;
    }

    function label(table, code) {
        const entry = DATA.codes[table][code];
        return entry ? entry[language] : code;
    }

    function verdictLabel(verdict) {
        const entry = DATA.verdicts[verdict] || FALLBACK_VERDICTS[verdict];
        return entry ? entry[language] : verdict;
    }

    function addRow(list, name, valueText) {
        list.append(element("dt", name), element("dd", valueText));
    }

    function renderRecord(result) {
        const s = STRINGS[language];
        const section = $("record");
        section.replaceChildren();
        const r = result.record;
        if (!r) {
            section.hidden = true;
            return;
        }
        section.hidden = false;
        if (result.verdict !== "verified") section.append(element("p", s.warning, "warning"));
        const address = linkBase(location.origin + location.pathname);
        if (last.fromLink && r.verifierAddress && linkBase(r.verifierAddress) !== address) {
            section.append(element("p", s.otherVerifier + r.verifierAddress, "warning other-verifier"));
        }
        const f = s.fields;
        const list = element("dl");
        addRow(list, f.household, r.householdID);
        addRow(list, f.head, r.head);
        addRow(list, f.address, `${r.village}, ${r.communeName} (${r.communeCode}), ${r.provinceName} (${r.provinceCode})`);
        addRow(list, f.sanitation, label("sanitation", r.sanitation));
        addRow(list, f.waste, r.waste.map((w) => label("waste", w)).join(", "));
        addRow(list, f.valid, `${r.issued} → ${r.expires}`);
        if (r.url) addRow(list, f.url, r.url);
        if (result.signer) addRow(list, f.signer, `${result.signer.owner} — ${f.key} ${result.signer.keyId}`);
        section.append(list);
        r.products.forEach((p, i) => {
            const item = element("section", undefined, "product");
            item.setAttribute("aria-label", `${f.product} ${i + 1}`);
            item.append(element("h3", `${f.product} ${i + 1}: ${p.name} — ${label("category", p.category)}`));
            const details = element("dl");
            addRow(details, f.standard, label("standard", p.standard));
            if (p.certificate) addRow(details, f.certificate, p.certificate);
            addRow(details, f.season, p.season);
            if (p.process) addRow(details, f.process, p.process);
            item.append(details);
            section.append(item);
        });
    }

    function renderVerdict() {
        const s = STRINGS[language];
        const box = $("verdict");
        const heading = $("verdict-label");
        const reason = $("verdict-reason");
        const scanned = $("scanned");
        scanned.hidden = true;
        if (last === null || last.state === "idle") {
            box.className = "verdict idle";
            heading.textContent = s.title;
            reason.textContent = s.idle;
            $("record").hidden = true;
            return;
        }
        if (last.state === "checking") {
            box.className = "verdict unknown";
            heading.textContent = s.checking;
            reason.textContent = "";
            return;
        }
        if (last.state === "unsupported") {
            box.className = "verdict unknown";
            heading.textContent = "—";
            reason.textContent = last.insecure ? s.insecure : s.unsupported;
            $("record").hidden = true;
            return;
        }
        const result = last.result;
        box.className = "verdict " + (COLOURS[result.verdict] || "unknown");
        heading.textContent = verdictLabel(result.verdict);
        const sentence = s.reasons[result.verdict === "malformed" ? "malformed" : result.reason];
        reason.textContent = sentence ? sentence(result) : result.reason;
        if (result.verdict === "malformed" || result.verdict === "unknownKey" || result.verdict === "unsigned") {
            scanned.hidden = false;
            $("scanned-label").textContent = s.scanned;
            $("scanned-text").textContent = last.scanned.slice(0, 300) + (last.scanned.length > 300 ? " …" : "");
        }
        renderRecord(result);
    }

    function renderTrust() {
        const s = STRINGS[language];
        const t = DATA.trust;
        $("trust-heading").textContent = s.trustHeading;
        const list = $("trust-details");
        list.replaceChildren();
        const owners = t.keys.map((k) => `${k.owner} (${k.keyId})`).join("; ");
        list.append(element("p", `${s.trustKeys(t.keys.length)}: ${owners}`));
        const dates = [];
        if (t.issued) dates.push(`${s.trustDate} ${t.issued}`);
        if (t.nextUpdate) dates.push(`${s.trustNext} ${t.nextUpdate}`);
        dates.push(`${s.trustWritten} ${DATA.written}`);
        dates.push(s.revokedCount(DATA.revoked.length));
        list.append(element("p", dates.join(" · ")));
        const stale = t.nextUpdate && todayInVietnam() > t.nextUpdate;
        root.toggleAttribute("data-trust-stale", Boolean(stale));
        if (stale) list.append(element("p", s.stale, "warning stale"));
    }

    function renderChrome() {
        const s = STRINGS[language];
        root.lang = language;
        document.title = s.title;
        $("site-title").textContent = s.title;
        const toggle = $("language");
        toggle.textContent = s.switchTo;
        toggle.setAttribute("aria-label", s.switchLabel);
        toggle.lang = language === "vi" ? "en" : "vi";
        $("record").setAttribute("aria-label", s.recordLabel);
        $("paste-label").textContent = s.pasteLabel;
        $("paste-submit").textContent = s.check;
    }

    function render() {
        renderChrome();
        renderVerdict();
        renderTrust();
    }

    function decided(state) {
        last = state;
        root.removeAttribute("data-verdict");
        root.removeAttribute("data-reason");
        if (state.result) {
            root.dataset.verdict = state.result.verdict;
            root.dataset.reason = state.result.reason;
        }
        root.dataset.state = state.state;
        render();
    }

    /** Verifies what `read` returns: `{bytes, link}`, or a `CodeError` for a link that carries no code. */
    async function check(read, scanned) {
        const mine = ++run;
        decided({ state: "checking", scanned });
        let state;
        try {
            const { bytes, link } = read();
            state = { state: "done", scanned, fromLink: link, result: await verify(bytes, todayInVietnam()) };
        } catch (error) {
            if (error instanceof CodeError) {
                state = { state: "done", scanned, result: { verdict: "malformed", reason: error.code, error } };
            } else if (error instanceof Unsupported) {
                state = { state: "unsupported", scanned, insecure: !globalThis.isSecureContext };
            } else {
                throw error;
            }
        }
        if (mine === run) decided(state);
    }

    /** A fragment as a person reads it: percent-escapes decoded where they form UTF-8, for display only. */
    function readable(fragment) {
        try {
            return decodeURIComponent(fragment);
        } catch {
            return fragment;
        }
    }

    function fromLocation() {
        const fragment = location.hash.slice(1);
        if (fragment === "") {
            run++;
            decided({ state: "idle" });
        } else {
            check(() => ({ bytes: codeFromFragment(fragment), link: true }), readable(fragment));
        }
    }

    function start() {
        $("language").addEventListener("click", () => {
            language = language === "vi" ? "en" : "vi";
            render();
        });
        $("paste").addEventListener("submit", (event) => {
            event.preventDefault();
            const input = $("paste-input").value.trim();
            check(() => codeFromText(input), input);
        });
        window.addEventListener("hashchange", fromLocation);
        fromLocation();
        // The page's Content-Security-Policy admits script URLs only through this policy, and it admits one.
        if ("serviceWorker" in navigator && location.protocol !== "file:") {
            const only = (url) => {
                if (url !== "sw.js") throw new TypeError("not the site's service worker");
                return url;
            };
            const policy = globalThis.trustedTypes
                ? trustedTypes.createPolicy("villageqr", { createScriptURL: only })
                : { createScriptURL: only };
            navigator.serviceWorker.register(policy.createScriptURL("sw.js")).catch(() => {});
        }
    }

    start();
})();
