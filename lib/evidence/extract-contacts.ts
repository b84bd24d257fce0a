// Phone numbers (libphonenumber-js), email addresses and URLs in text, with their offsets.
import { type CountryCode, findPhoneNumbersInText, parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface PhoneMention extends Span {
  e164: string;
}

export const DEFAULT_COUNTRY: CountryCode = "US";

/** Phone numbers, POSSIBLE leniency: a made-up "(555) 123-4567" in a draft still gets checked. */
export function extractPhones(text: string): PhoneMention[] {
  // libphonenumber reads ", 212" after a number as an extension; "|" (same length) ends it.
  const separated = text.replace(/,/g, "|");
  return findPhoneNumbersInText(separated, { defaultCountry: DEFAULT_COUNTRY, extended: true }).map((found) => ({
    start: found.startsAt,
    end: found.endsAt,
    text: text.slice(found.startsAt, found.endsAt),
    e164: found.number.number,
  }));
}

/** E.164 for a number as stored in metadata (`sip.phoneNumber`), or null. */
export function toE164(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return parsePhoneNumberFromString(phone, DEFAULT_COUNTRY)?.number ?? null;
}

/** "+14155550132" → "(415) 555-0132"; international numbers in international format. */
export function formatPhone(e164: string): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  return phone.country === DEFAULT_COUNTRY ? phone.formatNational() : phone.formatInternational();
}

/** The digits a caller would say: the national number, with and without the country code. */
export function spokenPhoneDigits(e164: string): string[] {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return [e164.replace(/\D/g, "")];
  return [String(phone.nationalNumber), `${phone.countryCallingCode}${phone.nationalNumber}`];
}

const emailSchema = z.email();
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export interface EmailMention extends Span {
  address: string;
}

export function extractEmails(text: string): EmailMention[] {
  const found: EmailMention[] = [];
  for (const match of text.matchAll(EMAIL)) {
    const raw = match[0].replace(/^[._%+-]+/, "");
    const start = match.index + (match[0].length - raw.length);
    const address = normaliseEmail(raw);
    if (emailSchema.safeParse(address).success) found.push({ start, end: start + raw.length, text: raw, address });
  }
  return found;
}

/** Lower-cased and trimmed; a "Name <addr>" form yields the address. */
export function normaliseEmail(value: string): string {
  const angled = /<([^>]+)>/.exec(value);
  return (angled?.[1] ?? value)
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
}

const TLDS = "com|org|net|io|co|us|uk|ca|au|de|fr|dev|app|health|care|law|legal|biz|info|ai|me|clinic|dental|tech";
const URL_PATTERN = new RegExp(
  String.raw`\bhttps?:\/\/[^\s<>()\[\]"'\x60]+|\bwww\.[^\s<>()\[\]"'\x60]+|(?<![@\w.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:${TLDS})\b(?:\/[^\s<>()\[\]"'\x60]*)?`,
  "gi",
);

export interface UrlMention extends Span {
  /** host (no "www.") + path (no trailing slash) + query, lower-cased. */
  normalised: string;
}

export function extractUrls(text: string): UrlMention[] {
  const found: UrlMention[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(/[.,;:!?*_)]+$/, "");
    const normalised = normaliseUrl(raw);
    if (normalised) found.push({ start: match.index, end: match.index + raw.length, text: raw, normalised });
  }
  return found;
}

export function normaliseUrl(raw: string): string | null {
  try {
    const url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
    const host = url.hostname.toLowerCase().replace(/^www\./, "");
    if (!host.includes(".")) return null;
    const path = url.pathname.replace(/\/+$/, "");
    return `${host}${path}${url.search}`.toLowerCase();
  } catch {
    return null;
  }
}
