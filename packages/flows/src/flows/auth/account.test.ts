import { describe, expect, it } from "vitest";
import { bot, CLIENT } from "../../test-support/built-in-bot.js";

// "Mon compte" for a signed-in user leads somewhere: who they are, and name, language, sign out (issue 24).
describe("Mon compte, signed in", () => {
  const signedIn = async () => {
    const b = bot();
    await b.backend.users.create({ phone: CLIENT, name: "Aline Ngoma", role: "client" });
    await b.chat.send("menu");
    return b;
  };

  it("shows the account with its name, role and language, and the actions", async () => {
    const { chat } = await signedIn();
    const account = await chat.tap("flow:auth");
    expect(account.text).toContain("👤 *Aline Ngoma*");
    expect(account.text).toContain("Compte client");
    expect(account.text).toContain("Langue : français");
    expect(account.options).toEqual([
      "account:name",
      "account:role",
      "account:language",
      "account:signout",
      "account:menu",
    ]);
    expect(account.text).not.toContain("Bon retour");
  });

  it("changes the name in the backend and the session", async () => {
    const { backend, chat } = await signedIn();
    await chat.tap("flow:auth");
    const ask = await chat.tap("account:name");
    expect(ask.text).toContain("Quel nom voulez-vous afficher");
    const done = await chat.send("Aline Mabiala");
    expect(done.text).toContain("vous êtes *Aline Mabiala*");
    expect((await backend.users.findByPhone(CLIENT))?.name).toBe("Aline Mabiala");
    const again = await chat.tap("flow:auth");
    expect(again.text).toContain("👤 *Aline Mabiala*");
  });

  it("offers the languages as buttons, and a tap switches the language for good", async () => {
    const { chat } = await signedIn();
    await chat.tap("flow:auth");
    const pick = await chat.tap("account:language");
    expect(pick.text).toContain("Langue : français");
    expect(pick.options).toEqual(["cmd:french", "cmd:english", "cmd:lingala"]);
    const menu = await chat.tap("cmd:english");
    expect(menu.text).toContain("What would you like to do?");
    const account = await chat.tap("flow:auth");
    expect(account.text).toContain("Language: English");
    expect((await chat.tap("account:language")).text).toContain("Language: English");
    expect((await chat.tap("cmd:lingala")).text).toContain("Olingi kosala nini ?");
  });

  it("shows the role and says a role change goes through the operator", async () => {
    const { chat } = await signedIn();
    await chat.tap("flow:auth");
    const role = await chat.tap("account:role");
    expect(role.text).toContain("compte *client*");
    expect(role.text).toContain("passe par l'opérateur TokTok");
  });

  it("signs out (the account is not looked up again) and back in", async () => {
    const { chat } = await signedIn();
    await chat.tap("flow:auth");
    const out = await chat.tap("account:signout");
    expect(out.text).toContain("Vous êtes déconnecté(e)");
    const menu = await chat.send("menu");
    expect(menu.options).toContain("flow:auth");
    const back = await chat.tap("flow:auth");
    expect(back.text).toContain("Bon retour Aline Ngoma");
    const account = await chat.tap("flow:auth");
    expect(account.options).toContain("account:signout");
  });

  it("goes back to the menu", async () => {
    const { chat } = await signedIn();
    await chat.tap("flow:auth");
    const menu = await chat.tap("account:menu");
    expect(menu.options).toEqual(["flow:courier", "flow:marketplace", "flow:tracking", "flow:auth"]);
  });
});
