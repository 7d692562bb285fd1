import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium, as Debian packages it (`.ci/run` installs `chromium` and a CJK font).
enum HeadlessChromium {
    /// `PODIUM_CHROMIUM`, else the first of the usual names on `PATH`.
    static let path: String? = {
        let env = ProcessInfo.processInfo.environment
        if let p = env["PODIUM_CHROMIUM"], !p.isEmpty { return FileManager.default.isExecutableFile(atPath: p) ? p : nil }
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin", "/snap/bin"]
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for d in dirs where FileManager.default.isExecutableFile(atPath: d + "/" + name) { return d + "/" + name }
        }
        return nil
    }()

    static let absent = "chromium is not installed (.ci/run installs Debian's chromium and fonts-noto-cjk): the public page was NOT checked in a browser"

    /// Runs the browser headless at a window size on a file; stdout and stderr. A run that
    /// hangs is killed after `limit` seconds (a guard against a stuck browser, not a measurement).
    static func run(_ extra: [String], file: URL, width: Int, height: Int, limit: TimeInterval = 240) throws -> (status: Int32, out: String, err: String) {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("podium-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        var args = ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
                    "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio", "--force-device-scale-factor=1",
                    "--user-data-dir=" + profile.path, "--window-size=\(width),\(height)"]
        if getuid() == 0 { args.append("--no-sandbox") } // Chromium's sandbox refuses to run as root
        args += extra + [file.absoluteString]
        // Output to files (a browser's chatter can fill a pipe nobody reads while we wait).
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let outURL = profile.appendingPathComponent("stdout"), errURL = profile.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        p.arguments = args
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let deadline = Date().addingTimeInterval(limit)
        while p.isRunning && Date() < deadline { usleep(50_000) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

/// What the probe script measured in the browser (see `probe`).
struct PageProbe: Decodable {
    struct Box: Decodable { var left, right, top, bottom, width, height: Double; var shown: Bool }
    var viewport: Double
    var viewportHeight: Double
    var scrollWidth: Double
    var overflowing: [String]
    var medalTable: Box?
    var medalTableFits: Bool
    var delegation: Box?
    var competitor: Box?
    var injected: Bool
}

@Suite("The public page in a real browser", .serialized)
struct PublicPageBrowserTests {
    /// Where the screenshots go: `.build/test-output/public-page` of this package (never committed).
    static let outputDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/test-output/public-page")

    /// The standard board scene (S01 published, S02 marking), with six announcements (a busy
    /// day: three shown, the rest folded), one of which tries to inject a script, as a page in `lang`.
    static func page(lang: Language, refresh: Int? = nil) -> String {
        var b = boardBench()
        b.now = boardTime(day: 21, 9, 55)
        for i in 1...4 {
            try! b.run(.announce(text: "请第 \(i) 组代表队领队于 11:\(i)0 到综合楼会议室参加领队会，会后领取参赛证件和工位安排表", priority: .normal, until: nil), boardStaff)
        }
        try! b.run(.announce(text: "<script>window.injected=true</script> 颁奖仪式 15:00 & 欢迎观众", priority: .urgent, until: nil), boardStaff)
        let m = boardModel(b, lang: lang)
        return BoardSnapshot.html(m, now: boardNow, refresh: refresh)
    }

    /// A script run at the end of the body (after layout), that measures and puts the answer,
    /// URI-encoded JSON, in the title for `--dump-dom` to carry out. Added to a copy only: the
    /// page itself has no scripts.
    static let probe = """
    <script>
    (function(){
      var W = document.documentElement.clientWidth, H = window.innerHeight;
      function box(e){ if(!e) return null; var r = e.getBoundingClientRect(), s = getComputedStyle(e);
        var shown = r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && parseFloat(s.opacity) > 0;
        return {left:r.left, right:r.right, top:r.top, bottom:r.bottom, width:r.width, height:r.height, shown:shown}; }
      function uncovered(e){ if(!e) return false; e.scrollIntoView({block:'center'}); var r = e.getBoundingClientRect();
        var hit = document.elementFromPoint(r.left + r.width/2, r.top + r.height/2); window.scrollTo(0,0); return !!hit && (hit === e || e.contains(hit)); }
      function find(sel, text){ var best = null; document.querySelectorAll(sel).forEach(function(e){
        if (e.textContent.indexOf(text) >= 0 && (!best || e.textContent.length < best.textContent.length)) best = e; }); return best; }
      var over = [];
      document.querySelectorAll('body *').forEach(function(e){ var r = e.getBoundingClientRect();
        if (r.width > 0 && (r.right > W + 0.5 || r.left < -0.5)) over.push(e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40)); });
      // A table wider than its card sticks out of it even when the page does not scroll.
      function inside(e){ var r = e.getBoundingClientRect(), p = e.parentElement.getBoundingClientRect(); return r.right <= p.right + 0.5 && r.left >= p.left - 0.5; }
      document.querySelectorAll('table').forEach(function(e){ if (e.getBoundingClientRect().width > 0 && !inside(e)) over.push('TABLE wider than its card: ' + e.textContent.slice(0, 40)); });
      var t = document.getElementById('medals');
      var d = t ? find('#medals td, #medals td *', '@@DELEGATION@@') : null;
      var c = find('.person', '@@COMPETITOR@@');
      var r = {viewport: W, viewportHeight: H, scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
        overflowing: over.slice(0, 8), medalTable: box(t), medalTableFits: !!t && inside(t),
        delegation: box(d), competitor: box(c), injected: window.injected === true};
      r.delegation && (r.delegation.shown = r.delegation.shown && uncovered(d));
      r.competitor && (r.competitor.shown = r.competitor.shown && uncovered(c));
      (window.parent || window).document.title = 'PROBE:' + encodeURIComponent(JSON.stringify(r));
    })();
    </script>
    """

    static func probed(_ html: String, delegation: String, competitor: String) -> String {
        let script = probe.replacingOccurrences(of: "@@DELEGATION@@", with: delegation)
            .replacingOccurrences(of: "@@COMPETITOR@@", with: competitor)
        return html.replacingOccurrences(of: "</body>", with: script + "\n</body>")
    }

    /// Chromium will not make a window narrower than 500 CSS pixels, even headless; a phone's
    /// 390 is a viewport of that width: an iframe of exactly the phone's size (its own viewport
    /// for layout and media queries, as a phone's screen is), centred on a grey backdrop. The
    /// page goes in `srcdoc`, so the probe inside may write to the outer title.
    static let narrowestWindow = 500

    static func framed(_ html: String, width: Int, height: Int) -> String {
        guard width < narrowestWindow else { return html }
        let doc = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        return """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>frame</title><style>html,body{margin:0;background:#6b7078}\
        iframe{display:block;border:0;margin:0 auto;width:\(width)px;height:\(height)px;background:#fff}</style></head>\
        <body><iframe srcdoc="\(doc)"></iframe></body></html>
        """
    }

    static func measure(_ html: String, name: String, width: Int, height: Int, delegation: String, competitor: String) throws -> PageProbe {
        let file = outputDirectory.appendingPathComponent("\(name)-probe.html")
        try Data(framed(probed(html, delegation: delegation, competitor: competitor), width: width, height: height).utf8).write(to: file)
        let r = try HeadlessChromium.run(["--dump-dom"], file: file, width: max(width, narrowestWindow), height: height)
        guard let start = r.out.range(of: "PROBE:"), let end = r.out[start.upperBound...].range(of: "</title>"),
              let json = String(r.out[start.upperBound..<end.lowerBound]).removingPercentEncoding else {
            throw BrowserFailure("chromium gave no probe answer for \(name) (exit \(r.status)): \(r.err.suffix(800))")
        }
        return try JSONDecoder().decode(PageProbe.self, from: Data(json.utf8))
    }

    static func screenshot(_ html: String, name: String, width: Int, height: Int) throws -> URL {
        let file = outputDirectory.appendingPathComponent("\(name).html")
        try Data(html.utf8).write(to: file)
        let shown = outputDirectory.appendingPathComponent("\(name)-framed.html")
        try Data(framed(html, width: width, height: height).utf8).write(to: shown)
        let png = outputDirectory.appendingPathComponent("\(name).png")
        try? FileManager.default.removeItem(at: png)
        let r = try HeadlessChromium.run(["--screenshot=" + png.path], file: width < narrowestWindow ? shown : file,
                                         width: max(width, narrowestWindow), height: height)
        guard FileManager.default.fileExists(atPath: png.path) else {
            throw BrowserFailure("chromium wrote no screenshot for \(name) (exit \(r.status)): \(r.err.suffix(800))")
        }
        return png
    }

    struct BrowserFailure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    @Test("phone 390×844 and wall 1920×1080, Chinese and English: no sideways scroll, the medal table and Chinese names on show, no injected script runs; screenshots kept",
          .enabled(if: HeadlessChromium.path != nil, Comment(rawValue: HeadlessChromium.absent)),
          arguments: [(Language.zh, "phone", 390, 844), (.zh, "wall", 1920, 1080), (.en, "phone", 390, 844), (.en, "wall", 1920, 1080)])
    func page(lang: Language, device: String, width: Int, height: Int) throws {
        try FileManager.default.createDirectory(at: Self.outputDirectory, withIntermediateDirectories: true)
        let html = Self.page(lang: lang, refresh: device == "wall" ? 60 : nil)
        let name = "\(device)-\(lang.rawValue)-\(width)x\(height)"
        let p = try Self.measure(html, name: name, width: width, height: height, delegation: "嘉定区", competitor: "张伟")
        #expect(p.viewport == Double(width), "the window is \(width) wide")
        #expect(p.scrollWidth <= p.viewport, "no horizontal scroll at \(width)×\(height): page is \(p.scrollWidth) wide")
        #expect(p.overflowing.isEmpty, "nothing sticks out sideways: \(p.overflowing)")
        let table = try #require(p.medalTable, "the medal table is on the page")
        #expect(table.shown && table.left >= 0 && table.right <= p.viewport && p.medalTableFits, "the medal table is shown whole: \(table)")
        #expect(table.top < p.viewportHeight, "the medal table starts on the first screen (top \(table.top))")
        let d = try #require(p.delegation, "嘉定区 is in the medal table")
        #expect(d.shown && d.left >= 0 && d.right <= p.viewport, "嘉定区 is visible, not covered or cut: \(d)")
        let c = try #require(p.competitor, "张伟's result is on the page")
        #expect(c.shown && c.left >= 0 && c.right <= p.viewport, "张伟 is visible: \(c)")
        #expect(!p.injected, "the announcement's <script> is text, not code")

        let shot = try Self.screenshot(html, name: name, width: width, height: height)
        print("public page screenshot: \(shot.path)")
        if device == "phone" {
            // The whole phone page as one tall picture, for a person to read through.
            let tall = try Self.screenshot(html, name: name + "-full", width: width, height: 2600)
            print("public page screenshot: \(tall.path)")
        }
    }
}
