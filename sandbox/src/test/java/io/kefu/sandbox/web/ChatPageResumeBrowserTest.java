package io.kefu.sandbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.sandbox.testing.FakeOpenChannelServer;
import io.kefu.sandbox.testing.FakeOpenChannelServer.Faults;
import io.kefu.sandbox.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page's client-side guarantees, against a fake open channel that cuts the
 * connection on purpose: the cut message is resent under its own id after the reconnect,
 * answered exactly once, and the quick-reply chips work.
 */
class ChatPageResumeBrowserTest {

    @Test
    void messageCutOffByADroppedConnectionIsResentAndAnsweredOnce(@TempDir Path profile) throws Exception {
        // The server drops the connection on the 2nd message, before acking it.
        try (FakeOpenChannelServer server = new FakeOpenChannelServer(new Faults(0, 0, 2))) {
            ChromeDriver driver = HeadlessChromium.start(profile);
            try {
                WebDriverWait wait = (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                driver.get("http://127.0.0.1:" + server.port() + "/sandbox/chat");
                wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "online"));

                send(driver, "在吗");
                wait.until(d -> d.findElements(By.cssSelector(".msg.bot")).size() == 1);
                // Quick replies from the reply become chips; clicking one sends its text.
                WebElement chip = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#quick-replies .chip")));
                assertEquals("查订单", chip.getText());
                chip.click();

                // That message is the one the server cuts off; backoff retries, resends, gets one reply.
                wait.withTimeout(Duration.ofSeconds(15))
                        .until(d -> d.findElements(By.cssSelector(".msg.bot")).size() == 2);
                List<WebElement> buyer = driver.findElements(By.cssSelector(".msg.buyer"));
                assertEquals(2, buyer.size());
                assertEquals("查订单", buyer.get(1).findElement(By.cssSelector(".text")).getText());
                wait.until(d -> "sent".equals(buyer.get(1).getDomAttribute("data-status")));
                assertEquals(2, server.messagesReceived(), "one delivery per message after dedup");
                assertTrue(driver.findElements(By.cssSelector(".msg.bot")).size() == 2, "no duplicate bubble");
            } finally {
                driver.quit();
            }
        }
    }

    static void send(ChromeDriver driver, String text) {
        WebElement input = driver.findElement(By.id("input"));
        input.clear();
        input.sendKeys(text);
        driver.findElement(By.id("send")).click();
    }
}
