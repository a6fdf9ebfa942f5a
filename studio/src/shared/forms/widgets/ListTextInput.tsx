import { type InputHTMLAttributes, useEffect, useRef, useState } from 'react';

/** "a, b , c" → ["a", "b", "c"] (empty items dropped). */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A list of words typed as one line, comma-separated. Keeps what is typed (a trailing ", "
 * included) while the list it means is unchanged, so saving never fights the typing.
 */
export function ListTextInput({ value, onList, ...rest }: { value: readonly string[]; onList: (list: string[]) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [text, setText] = useState(value.join(', '));
  const last = useRef(value.join('\u0000'));
  useEffect(() => {
    const incoming = value.join('\u0000');
    if (incoming !== last.current && incoming !== splitList(text).join('\u0000')) setText(value.join(', '));
    last.current = incoming;
  }, [value, text]);
  return (
    <input
      type="text"
      {...rest}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onList(splitList(e.target.value));
      }}
    />
  );
}
