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
