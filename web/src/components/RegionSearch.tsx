// Region search as you type (GET /regions?q=, or the development sign-in's own search): an ARIA
// combobox, so the list is read out and driven with the arrow keys, Enter and Escape.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Region } from '../api.ts';
import { t } from '../i18n.ts';
import { Field } from './ui.tsx';

interface Props {
  label: string;
  hint?: string;
  error?: string | undefined;
  value: Region | undefined;
  onChange: (region: Region | undefined) => void;
  search: (q: string) => Promise<Region[]>;
  /** Only these region types are offered (default: all). */
  types?: Region['type'][];
  name?: string;
}

export function regionText(region: Region): string {
  return region.type === 'PROVINSI' ? region.name : `${region.name}, ${region.provinceName}`;
}

export function RegionSearch({ label, hint, error, value, onChange, search, types, name }: Props) {
  const id = useId();
  const [text, setText] = useState(value ? regionText(value) : '');
  const [options, setOptions] = useState<Region[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    setText(value ? regionText(value) : '');
  }, [value?.code]);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2 || (value && text === regionText(value))) {
      setOptions([]);
      return;
    }
    const round = ++request.current;
    const timer = setTimeout(() => {
      setBusy(true);
      search(q)
        .then((found) => {
          if (round !== request.current) return;
          setOptions(types ? found.filter((r) => types.includes(r.type)) : found);
          setActive(-1);
          setOpen(true);
        })
        .catch(() => {
          if (round === request.current) setOptions([]);
        })
        .finally(() => {
          if (round === request.current) setBusy(false);
        });
    }, 200);
    return () => {
      clearTimeout(timer);
    };
  }, [text]);

  const choose = (region: Region) => {
    onChange(region);
    setText(regionText(region));
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(options.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter' && open && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const listId = `${id}-list`;
  const showList = open && text.trim().length >= 2 && !busy;
  return (
    <Field label={label} hint={hint} error={error} className="combobox" id={id}>
      {(props) => (
        <>
          <input
            {...props}
            name={name}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={showList}
            aria-controls={listId}
            aria-activedescendant={
              showList && active >= 0 ? `${id}-opt-${String(active)}` : undefined
            }
            value={text}
            onInput={(event) => {
              setText(event.currentTarget.value);
              if (value) onChange(undefined);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
          />
          <ul id={listId} role="listbox" class="options" hidden={!showList} aria-label={label}>
            {options.length === 0 && showList && <li class="muted">{t('noRegionFound')}</li>}
            {options.map((region, i) => (
              <li
                key={region.code}
                id={`${id}-opt-${String(i)}`}
                role="option"
                aria-selected={i === active}
                class={i === active ? 'active' : ''}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(region);
                }}
              >
                {regionText(region)} <span class="muted">({region.code})</span>
              </li>
            ))}
          </ul>
          {busy && (
            <p class="hint" role="status">
              {t('searching')}
            </p>
          )}
        </>
      )}
    </Field>
  );
}
