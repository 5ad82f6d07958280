import { create } from 'zustand';

/**
 * 大字模式 is this computer's preference (the secretary's eyes, not the community's data): kept in localStorage,
 * shared by every window of the app, applied as <html data-text="large"> so every stylesheet can follow it.
 */
const key = 'yishiting.largeText';

function apply(large: boolean) {
  if (large) document.documentElement.dataset.text = 'large';
  else delete document.documentElement.dataset.text;
}

const stored = (() => {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
})();
apply(stored);

export const useDisplay = create<{ largeText: boolean; setLargeText(on: boolean): void }>((set) => ({
  largeText: stored,
  setLargeText(on) {
    try {
      localStorage.setItem(key, on ? '1' : '0');
    } catch {
      // A locked-down profile without storage: the mode still applies until the window closes.
    }
    apply(on);
    set({ largeText: on });
  },
}));

// Another window switched it: follow.
window.addEventListener('storage', (event) => {
  if (event.key !== key) return;
  apply(event.newValue === '1');
  useDisplay.setState({ largeText: event.newValue === '1' });
});
