package io.fupan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium driven through its chromedriver (Debian packages {@code chromium}
 * and {@code chromium-driver}), for the web UI's browser tests: sign-in through Keycloak's real login
 * page, waits on what the UI draws, and a numbered screenshot per step under
 * {@code target/screenshots/<language>/}.
 */
final class WebBrowser implements AutoCloseable {

    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final WebDriver driver;
    private final WebDriverWait wait;
    private final String base;
    private final Path shots;
    private int step;

    WebBrowser(String baseUrl, String language) {
        this(baseUrl, language, null);
    }

    /** A browser whose screenshots go to {@code target/screenshots/<folder>/<language>/} (a test class of its own). */
    WebBrowser(String baseUrl, String language, String folder) {
        String chromium = System.getProperty("fupan.chromium", find(CHROMIUM));
        String chromedriver = System.getProperty("fupan.chromedriver", find(DRIVER));
        if (chromium == null || chromedriver == null) {
            throw new IllegalStateException("The web UI tests need Chromium and its driver; none was found at "
                    + CHROMIUM + " / " + DRIVER + ". Install them with: apt-get install -y chromium chromium-driver"
                    + " (or name them with -Dfupan.chromium=… -Dfupan.chromedriver=…).");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--lang=" + language,
                "--disable-search-engine-choice-screen", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver).toFile()).build();
        this.driver = new ChromeDriver(service, options);
        // A screen redraws while the wait looks at it: an element gone stale is looked for again.
        this.wait = (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(40))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        this.base = baseUrl;
        this.shots = folder == null ? Path.of("target", "screenshots", language) : Path.of("target", "screenshots", folder, language);
        try {
            Files.createDirectories(shots);
            // Screenshots of an earlier run would mix with this run's.
            try (var old = Files.list(shots)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String find(List<String> candidates) {
        return candidates.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }

    /** Opens a screen of the app ({@code #/leads}) and waits until it is drawn. */
    void open(String hash) {
        // A move within the page redraws <main> after the hashchange event: wait for the new content,
        // not the old one still standing.
        String target = base + "/" + hash;
        String mark = "document.querySelectorAll('main#main > *').forEach(e => e.setAttribute('data-old', ''));";
        if (driver.getCurrentUrl().equals(target)) {
            // The same address again is no navigation: redraw the screen as the router would.
            script(mark + " dispatchEvent(new HashChangeEvent('hashchange'));");
        } else {
            script(mark);
            driver.get(target);
        }
        until(d -> d.findElements(By.cssSelector("main#main > [data-old]")).isEmpty() ? true : null);
        settled();
    }

    /** Waits until the router has drawn the current screen. */
    void settled() {
        until(d -> !d.findElements(By.cssSelector("main#main:not([aria-busy])")).isEmpty());
    }

    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition::apply);
    }

    WebElement find(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    void select(String css, String value) {
        new Select(find(css)).selectByValue(value);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The welcome screen in the chosen language, then Keycloak's login page, then the app. */
    void signIn(String username, String language, boolean shoot) {
        signIn(username, "fupan-demo", language, shoot);
    }

    void signIn(String username, String password, String language, boolean shoot) {
        driver.get(base + "/");
        find("#sign-in");
        select("#lang-switch", language);
        until(d -> d.findElement(By.tagName("html")).getAttribute("lang").equals(language));
        if (shoot) {
            shot("welcome");
        }
        find("#sign-in").click();
        find("#username");
        if (shoot) {
            shot("keycloak-login");
        }
        type("#username", username);
        type("#password", password);
        find("#kc-login").click();
        find("#sign-out");
        settled();
    }

    void signOut() {
        find("#sign-out").click();
        find("#sign-in");
    }

    void size(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /**
     * Saves a screenshot as NN-name.png, after checking that the page shows no value the UI failed to
     * fill ("null", "undefined", "NaN" as words).
     */
    void shot(String name) {
        // Help texts quote the plugins' own schema descriptions, which may say "null" on purpose.
        // The rendered text of the live page (table cells apart, so "null" next to a number still stands as
        // a word; a detached copy would run the cells together), with the help texts hidden for the moment.
        String text = (String) script("const m = document.querySelector('main') || document.body;"
                + " const helps = [...m.querySelectorAll('.help')]; const was = helps.map(e => e.style.display);"
                + " helps.forEach(e => { e.style.display = 'none'; }); const text = m.innerText;"
                + " helps.forEach((e, i) => { e.style.display = was[i]; }); return text;");
        assertThat(text).as(name).doesNotContainPattern("\\b(null|undefined|NaN)\\b");
        Path file = shots.resolve(String.format("%02d-%s.png", ++step, name));
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(file).isNotEmptyFile();
    }

    /** On a failed step: the screen, the page's HTML and its address, to see what the browser saw. */
    void failure() {
        try {
            Files.write(shots.resolve("failure.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(shots.resolve("failure.html"), "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            // the failure itself is what the test reports
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
