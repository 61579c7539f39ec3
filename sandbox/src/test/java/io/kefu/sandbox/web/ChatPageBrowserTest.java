package io.kefu.sandbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.handlers.testing.TestModels;
import io.kefu.sandbox.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The buyer chat page in real headless Chromium against a real demo node. */
class ChatPageBrowserTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    @Test
    void buyerChatsSeesRepliesTextStaysTextAndReloadKeepsWorking(@TempDir Path data, @TempDir Path profile) throws Exception {
        try (KefuNode node = KefuNode.start(KefuNode.Options.demo().port(0).dataDir(data).classifier(TestModels.fast()))) {
            ChromeDriver driver = HeadlessChromium.start(profile);
            try {
                WebDriverWait wait = (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                driver.get("http://127.0.0.1:" + node.port() + "/sandbox/chat");
                waitOnline(wait);
                assertEquals("demo", driver.findElement(By.id("channel")).getDomProperty("value"));

                send(driver, "在吗");
                wait.until(d -> d.findElements(By.cssSelector(".msg.bot")).size() == 1);
                WebElement first = driver.findElements(By.cssSelector(".msg.buyer")).get(0);
                wait.until(d -> "sent".equals(first.getDomAttribute("data-status")));
                assertTrue(!driver.findElement(By.cssSelector(".msg.bot .text")).getText().isBlank(), "bot reply has text");

                send(driver, SCRIPT);
                wait.until(d -> replies(d.findElements(By.cssSelector(".msg"))) == 2);
                List<WebElement> buyer = driver.findElements(By.cssSelector(".msg.buyer .text"));
                assertEquals(SCRIPT, buyer.get(1).getText(), "rendered as text, verbatim");
                assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
                assertEquals(0, driver.findElements(By.cssSelector("#messages script")).size());

                driver.navigate().refresh();
                waitOnline(wait);
                // History comes back from localStorage; redelivered replies (if any) are deduplicated.
                assertEquals(2, driver.findElements(By.cssSelector(".msg.buyer")).size());
                assertEquals(SCRIPT, driver.findElements(By.cssSelector(".msg.buyer .text")).get(1).getText());
                assertEquals(2, replies(driver.findElements(By.cssSelector(".msg"))));

                send(driver, "我的快递到哪了");
                wait.until(d -> replies(d.findElements(By.cssSelector(".msg"))) == 3);
                assertEquals(3, driver.findElements(By.cssSelector(".msg.buyer")).size());
                assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
            } finally {
                driver.quit();
            }
        }
    }

    /** Bot, agent or system replies: anything the server sent (connection notes carry no reply id). */
    private static long replies(List<WebElement> rows) {
        return rows.stream()
                .filter(r -> !r.getDomAttribute("class").contains("buyer"))
                .filter(r -> !r.getDomAttribute("data-id").startsWith("sys-"))
                .count();
    }

    private static void waitOnline(WebDriverWait wait) {
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "online"));
    }

    private static void send(ChromeDriver driver, String text) {
        ChatPageResumeBrowserTest.send(driver, text);
    }
}
