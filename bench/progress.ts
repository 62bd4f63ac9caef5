// A progress bar on stderr: overall share of the weighted work done, the current step and the time.
// Without a terminal it prints one line per finished step instead.

export class Progress {
  private done = 0;
  private label = '';
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly total: number,
    private readonly title: string,
  ) {
    if (this.tty) this.timer = setInterval(() => this.draw(), 500);
    this.draw();
  }

  step(label: string) {
    this.label = label;
    this.draw();
  }

  advance(weight: number, finished?: string) {
    this.done = Math.min(this.total, this.done + weight);
    if (!this.tty && finished) process.stderr.write(`${this.title}: ${finished} (${this.percent()}%, ${this.elapsed()})\n`);
    this.draw();
  }

  finish(message: string) {
    if (this.timer) clearInterval(this.timer);
    this.done = this.total;
    if (this.tty) process.stderr.write(`\r\x1b[2K`);
    process.stderr.write(`${this.title}: ${message} in ${this.elapsed()}\n`);
  }

  private percent() {
    return this.total === 0 ? 100 : Math.floor((this.done / this.total) * 100);
  }

  private elapsed() {
    const seconds = (Date.now() - this.started) / 1000;
    return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  }

  private draw() {
    if (!this.tty) return;
    const width = 30;
    const filled = Math.round((this.percent() / 100) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const columns = process.stderr.columns || 100;
    const line = `${this.title} ${bar} ${String(this.percent()).padStart(3)}% ${this.elapsed()}  ${this.label}`;
    process.stderr.write(`\r\x1b[2K${line.slice(0, columns - 1)}`);
  }
}
