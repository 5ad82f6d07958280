import { pinyin } from 'pinyin-pro';
import { formatAddress, type Address } from '../../shared/domain/resident';

type Reading = { full: string; initials: string };

function reading(name: string, surname: 'head' | 'off'): Reading {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname, v: true });
  return {
    full: syllables.join('').toLowerCase(),
    // A character with no known reading (many rare 生僻字) stays itself, so typing it still finds the person.
    initials: syllables.map((s) => (/^[a-z]/i.test(s) ? s[0]!.toLowerCase() : s)).join(''),
  };
}

/**
 * Search keys for a resident: pinyin-pro's surname reading (单 shan, 曾 zeng, 解 xie, 区 ou) and the ordinary
 * reading too, since a secretary may type either; initials of both; the address as "3-2-301" and the bare room.
 */
export function searchKeys(name: string, address: Address): { searchText: string; initials: string } {
  const surnameReading = reading(name, 'head');
  const plainReading = reading(name, 'off');
  const parts = new Set([
    name.toLowerCase(),
    surnameReading.full,
    surnameReading.initials,
    plainReading.full,
    plainReading.initials,
    formatAddress(address),
    address.room,
  ]);
  return { searchText: [...parts].filter(Boolean).join(' '), initials: surnameReading.initials };
}
