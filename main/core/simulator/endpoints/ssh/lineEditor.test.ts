import { describe, expect, it } from 'vitest';
import { LineEditor, type LineEditorEvent } from './lineEditor.js';

function feedAll(editor: LineEditor, text: string): LineEditorEvent[] {
  return [...text].map((ch) => editor.feed(ch)).filter((e): e is LineEditorEvent => e !== undefined);
}

describe('LineEditor', () => {
  it('completes lines on CR, LF and CRLF (one line each)', () => {
    const lines = feedAll(new LineEditor(), 'a\rb\nc\r\nd\n').filter((e) => e.type === 'line');
    expect(lines).toEqual(['a', 'b', 'c', 'd'].map((line) => ({ type: 'line', line })));
  });

  it('erases with DEL and ^H, kills the line with ^U, ignores arrow keys', () => {
    const editor = new LineEditor();
    const events = feedAll(editor, 'abx\x7fc\x1b[D\bd');
    expect(editor.pending).toBe('abd');
    expect(events.filter((e) => e.type === 'echo').map((e) => (e as { text: string }).text).join('')).toBe('abx\b \bc\b \bd');
    expect(feedAll(editor, '\x15')).toEqual([{ type: 'echo', text: '\b \b\b \b\b \b' }]);
    expect(editor.pending).toBe('');
  });

  it('abandons the line on Ctrl-C and reports EOF for Ctrl-D only on an empty line', () => {
    const editor = new LineEditor();
    expect(feedAll(editor, 'junk\x03').at(-1)).toEqual({ type: 'interrupt' });
    expect(editor.pending).toBe('');
    expect(feedAll(editor, 'x\x04')).toEqual([{ type: 'echo', text: 'x' }]);
    expect(feedAll(editor, '\x7f\x04').at(-1)).toEqual({ type: 'eof' });
  });
});

describe('LineEditor line length bound', () => {
  it('keeps at most maxLength characters, rings once, and reports the over-long line as overflow', () => {
    const editor = new LineEditor(8);
    const events = feedAll(editor, 'x'.repeat(20));
    expect(editor.pending).toBe('x'.repeat(8));
    expect(events.filter((e) => e.type === 'echo').map((e) => (e as { text: string }).text).join('')).toBe('x'.repeat(8) + '\x07');
    expect(feedAll(editor, '\n')).toEqual([{ type: 'overflow', length: 20, limit: 8 }]);
    expect(feedAll(editor, 'ok\n').at(-1)).toEqual({ type: 'line', line: 'ok' });
  });

  it('forgets the overflow on Ctrl-C and Ctrl-U; Backspace takes back dropped characters first', () => {
    const editor = new LineEditor(4);
    feedAll(editor, 'abcdef\x03');
    expect(feedAll(editor, 'ab\n').at(-1)).toEqual({ type: 'line', line: 'ab' });
    feedAll(editor, 'abcdef\x15');
    expect(feedAll(editor, 'cd\n').at(-1)).toEqual({ type: 'line', line: 'cd' });
    feedAll(editor, 'abcdef\x7f\x7f');
    expect(feedAll(editor, '\n').at(-1)).toEqual({ type: 'line', line: 'abcd' });
  });

  it('defaults to a 4096-character line', () => {
    const editor = new LineEditor();
    feedAll(editor, 'y'.repeat(5000));
    expect(editor.pending.length).toBe(4096);
  });
});
