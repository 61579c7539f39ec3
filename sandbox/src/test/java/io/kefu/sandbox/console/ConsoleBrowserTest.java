package io.kefu.sandbox.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.testing.TestModels;
import io.kefu.sandbox.testing.HeadlessChromium;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole handoff in real Chromium: a buyer on the sandbox chat page asks for a person, the
 * ticket appears in the agent console, the agent takes over and replies, the buyer sees it, the
 * agent hands back, and the bot answers the buyer's next message. Also: a {@code <script>} buyer
 * message stays text in the console, and an agent of another store does not see the conversation.
 * Set {@code -Dkefu.console.screenshot=FILE} to save a screenshot of the console (README).
 */
class ConsoleBrowserTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static final String SCRIPT = "<script>alert(1)</script>";

    @Test
    void buyerAsksForAPersonAgentTakesOverRepliesAndHandsBack(@TempDir Path data, @TempDir Path buyerProfile,
                                                            @TempDir Path agentProfile) throws Exception {
        try (KefuNode node = KefuNode.start(KefuNode.Options.of(twoStores()).demoPages(true).port(0).host("127.0.0.1")
                .dataDir(data).classifier(TestModels.fast()))) {
            String base = "http://127.0.0.1:" + node.port();
            ChromeDriver agent = HeadlessChromium.start(agentProfile);
            ChromeDriver buyer = HeadlessChromium.start(buyerProfile);
            try {
                WebDriverWait agentWait = (WebDriverWait) new WebDriverWait(agent, T).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                WebDriverWait buyerWait = (WebDriverWait) new WebDriverWait(buyer, T).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                agent.manage().window().setSize(new Dimension(1280, 800));
                login(agent, agentWait, base, "agent", "agent-demo-pass");

                buyer.get(base + "/sandbox/chat");
                buyerWait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "online"));
                String conv = "open:demo:" + buyer.findElement(By.id("buyer-id")).getText();
                By ticket = By.cssSelector(".ticket[data-conv='" + conv + "']");

                send(buyer, "转人工");
                long asked = System.nanoTime();
                try {
                    agentWait.until(ExpectedConditions.presenceOfElementLocated(ticket));
                } catch (org.openqa.selenium.TimeoutException e) {
                    throw new AssertionError("ticket not shown; buyer sees: " + buyer.findElement(By.id("messages")).getText()
                            + "; console queue API: " + agent.executeAsyncScript(
                            "const done = arguments[0]; fetch('/console/api/queue').then(r => r.text()).then(done, e => done(String(e)));")
                            + "; console lists: " + agent.findElement(By.tagName("aside")).getText()
                            + "; ticket in Redis: " + new io.kefu.handlers.store.RedisConversationStore(node.redis()).ticket(conv)
                            + "; state: " + new io.kefu.handlers.store.RedisConversationStore(node.redis()).load(conv).state()
                            + "; queue keys: " + node.redis().keys("kefu:{s:*"), e);
                }
                long shownMs = (System.nanoTime() - asked) / 1_000_000;
                System.out.println("escalation-to-console latency (browser, send click → ticket rendered): " + shownMs + " ms");
                buyerWait.until(d -> d.findElements(By.cssSelector(".msg.bot")).size() == 1); // the holding reply

                click(agentWait, ticket);
                agentWait.until(d -> conv.equals(d.findElement(By.id("conversation")).getDomAttribute("data-conv")));
                agentWait.until(d -> d.findElement(By.id("transcript")).getText().contains("转人工"));
                assertTrue(agent.findElement(By.id("ctx-intents")).getText().contains("human_agent"), "the bot's intents are shown");

                agentWait.until(ExpectedConditions.elementToBeClickable(By.id("take-over"))).click();
                agentWait.until(d -> "agent".equals(d.findElement(By.id("conversation")).getDomAttribute("data-mode")));

                send(buyer, SCRIPT); // now the agent's: the bot stays silent, the console shows it as text
                agentWait.until(d -> d.findElements(By.cssSelector("#transcript .entry.buyer .text")).stream()
                        .anyMatch(e -> e.getText().equals(SCRIPT)));
                assertEquals(0, agent.findElements(By.cssSelector("#transcript script")).size());
                assertThrows(NoAlertPresentException.class, () -> agent.switchTo().alert());

                agentWait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
                agent.findElement(By.id("reply-text")).sendKeys("您好，我是人工客服小艾，马上为您处理～");
                click(agentWait, By.id("send"));
                buyerWait.until(d -> d.findElements(By.cssSelector(".msg.agent")).stream()
                        .anyMatch(e -> e.getText().contains("我是人工客服小艾")));
                assertEquals(1, buyer.findElements(By.cssSelector(".msg.bot")).size(), "the bot never answered while the agent owned it");
                agentWait.until(d -> d.findElements(By.cssSelector("#transcript .entry.agent")).size() == 1);
                screenshot(agent);

                click(agentWait, By.id("hand-back"));
                agentWait.until(d -> "returned_to_bot".equals(d.findElement(By.id("conversation")).getDomAttribute("data-status")));
                buyerWait.until(d -> d.findElements(By.cssSelector(".msg.bot")).size() == 2); // "back with the bot"
                send(buyer, "我的快递到哪了");
                buyerWait.until(d -> d.findElements(By.cssSelector(".msg.bot")).size() == 3);

                // Another store's agent sees none of it.
                click(agentWait, By.id("logout-btn"));
                login(agent, agentWait, base, "olga", "agent-demo-pass");
                agentWait.until(d -> "other-store".equals(d.findElement(By.id("store")).getText()));
                send(buyer, "转人工"); // a new ticket in demo-store while olga watches
                buyerWait.until(d -> d.findElements(By.cssSelector(".msg.bot")).size() == 4);
                agent.navigate().refresh();
                agentWait.until(ExpectedConditions.attributeToBe(By.id("app"), "data-ws", "open"));
                assertEquals(0, agent.findElements(By.cssSelector(".ticket")).size());
            } finally {
                buyer.quit();
                agent.quit();
            }
        }
    }

    /** Clicks what the locator finds, finding it again if a live update replaced it meanwhile. */
    private static void click(WebDriverWait wait, By locator) {
        wait.until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    private static void login(ChromeDriver driver, WebDriverWait wait, String base, String user, String password) {
        driver.get(base + "/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-btn")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("app"), "data-ws", "open"));
    }

    private static void send(ChromeDriver driver, String text) {
        WebElement input = driver.findElement(By.id("input"));
        input.clear();
        input.sendKeys(text);
        driver.findElement(By.id("send")).click();
    }

    private static void screenshot(ChromeDriver driver) throws Exception {
        String target = System.getProperty("kefu.console.screenshot");
        if (target != null && !target.isBlank()) {
            Path p = Path.of(target).toAbsolutePath();
            Files.createDirectories(p.getParent());
            Files.write(p, driver.getScreenshotAs(OutputType.BYTES));
        }
    }

    /** The demo config plus a second store with its own agent (olga), to test the store boundary. */
    static KefuConfig twoStores() throws Exception {
        String demo;
        try (InputStream in = KefuNode.class.getResourceAsStream("/io/kefu/gateway/demo-kefu.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String agentHash = demo.replaceAll("(?s).*username: agent\\s+password_hash: \"([^\"]+)\".*", "$1");
        // other-store goes last, so the chat page's first channel stays the demo store's.
        String yaml = demo.replace("\nconsole:\n", """

                  - id: other-store
                    name: Other store
                    channels:
                      - id: other
                        platform: open
                        token: other-token
                console:
                """).replace("  accounts:\n", """
                  accounts:
                    - username: olga
                      password_hash: "%s"
                      store: other-store
                """.formatted(agentHash));
        return ConfigLoader.parse("console browser test config", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
