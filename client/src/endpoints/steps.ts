import * as vscode from 'vscode';

/**
 * One step of a multi-step input (VS Code's quick input with `step` / `totalSteps` and a Back
 * button): a quick pick or an input box that answers the value, `BACK` or undefined (Escape,
 * focus lost). Input boxes are validated live: each change asks `validate`, and only the answer
 * for the value still in the box is shown; Enter waits for that answer and stays on the step while
 * it holds a reason.
 */

export const BACK = Symbol('back');
export type StepAnswer<T> = T | typeof BACK | undefined;

export interface StepPosition {
  readonly title: string;
  /** 1-based; with `totalSteps`, shown as "2/4" (omitted for a single input). */
  readonly step?: number;
  readonly totalSteps?: number;
  /** Offer the Back button (not on a first step). */
  readonly back?: boolean;
}

export interface InputStep extends StepPosition {
  readonly value: string;
  readonly prompt: string;
  readonly placeholder?: string;
  readonly password?: boolean;
  /** The reason the value cannot be used (the diagnostic's words), or undefined when it can. */
  readonly validate?: (value: string) => Promise<string | undefined>;
}

export function inputStep(options: InputStep): Promise<StepAnswer<string>> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.value = options.value;
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.password = options.password ?? false;
  box.ignoreFocusOut = true;
  box.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
  const answers = new Map<string, Promise<string | undefined>>();
  const check = (value: string): Promise<string | undefined> => {
    let answer = answers.get(value);
    if (!answer) {
      answer = options.validate ? options.validate(value).catch(() => undefined) : Promise.resolve(undefined);
      answers.set(value, answer);
    }
    return answer;
  };
  const show = async (value: string) => {
    box.busy = true;
    const reason = await check(value);
    if (box.value !== value) return;
    box.busy = false;
    box.validationMessage = reason;
  };
  return new Promise<StepAnswer<string>>((resolve) => {
    let done = false;
    const finish = (answer: StepAnswer<string>) => {
      if (done) return;
      done = true;
      resolve(answer);
      for (const d of disposables) d.dispose();
      box.dispose();
    };
    const disposables = [
      box.onDidChangeValue((value) => void show(value)),
      box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(BACK)),
      box.onDidAccept(async () => {
        const value = box.value;
        box.enabled = false;
        box.busy = true;
        const reason = await check(value);
        box.enabled = true;
        box.busy = false;
        if (box.value !== value) return;
        box.validationMessage = reason;
        if (reason === undefined) finish(value);
      }),
      box.onDidHide(() => finish(undefined)),
    ];
    box.show();
    void show(box.value);
  });
}

export interface PickStep<T extends vscode.QuickPickItem> extends StepPosition {
  readonly items: readonly T[];
  readonly placeholder: string;
  readonly active?: T;
  readonly matchOnDetail?: boolean;
}

export function pickStep<T extends vscode.QuickPickItem>(options: PickStep<T>): Promise<StepAnswer<T>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.step = options.step;
  pick.totalSteps = options.totalSteps;
  pick.placeholder = options.placeholder;
  pick.items = options.items;
  pick.matchOnDescription = true;
  pick.matchOnDetail = options.matchOnDetail ?? false;
  pick.ignoreFocusOut = true;
  if (options.active) pick.activeItems = [options.active];
  pick.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
  return new Promise<StepAnswer<T>>((resolve) => {
    let done = false;
    const finish = (answer: StepAnswer<T>) => {
      if (done) return;
      done = true;
      resolve(answer);
      for (const d of disposables) d.dispose();
      pick.dispose();
    };
    const disposables = [
      pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(BACK)),
      pick.onDidAccept(() => {
        const [chosen] = pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems;
        if (chosen) finish(chosen);
      }),
      pick.onDidHide(() => finish(undefined)),
    ];
    pick.show();
  });
}
