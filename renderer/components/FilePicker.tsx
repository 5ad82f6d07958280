type Props = {
  label: string;
  accept?: string;
  multiple?: boolean;
  /** Choose a folder: every file inside it is handed over. */
  folder?: boolean;
  disabled?: boolean;
  /** `primary`: the page's main action; `area`: a wide dashed area. */
  look?: 'primary' | 'area';
  onFiles: (files: File[]) => void;
};

/**
 * A button that opens the system's file chooser (the input is visually hidden but keeps the focus and the
 * keyboard). The input is cleared after every choice, so choosing the same file again — once fixed — still counts.
 */
export function FilePicker({ label, accept, multiple, folder, disabled, look, onFiles }: Props) {
  const kind = look === 'area' ? 'file-pick' : `file-button${look === 'primary' ? ' primary' : ''}`;
  return (
    <label className={`button ${kind}${disabled ? ' disabled' : ''}`}>
      {label}
      <input
        type="file"
        accept={accept}
        multiple={multiple}
        className="visually-hidden"
        disabled={disabled}
        {...(folder ? { webkitdirectory: '' } : {})}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </label>
  );
}
