package io.phonegateway.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 as bytes on a socket, for requests no well-behaved client sends: lying or missing lengths, broken
 * chunking, huge headers, bodies that stop half way. Reads one response (headers, then {@code Content-Length}
 * bytes or chunks, or up to the end of the connection).
 */
public final class RawHttp {

    /** One response; {@code headers} have lower-case names; status 0 when the server closed without answering. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** A request with these head lines (no Host or Content-Length added) and body, ending in {@code \r\n\r\n}. */
    public static byte[] request(String head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((head.replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Sends {@code request} and reads the answer; a request that stops half way simply sends no more. */
    public static Answer exchange(int port, byte[] request, Duration timeout) throws IOException {
        return exchange(port, request, timeout, false);
    }

    /** {@code headOnly}: the answer to a HEAD request, whose {@code Content-Length} announces a body never sent. */
    public static Answer exchange(int port, byte[] request, Duration timeout, boolean headOnly) throws IOException {
        return exchange(new Socket("127.0.0.1", port), request, timeout, headOnly);
    }

    /** From another loopback address ({@code 127.0.0.2}...): a client of its own, as the server sees it. */
    public static Answer exchangeFrom(String localAddress, int port, byte[] request, Duration timeout) throws IOException {
        return exchange(new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0),
                request, timeout, false);
    }

    private static Answer exchange(Socket connected, byte[] request, Duration timeout, boolean headOnly) throws IOException {
        try (Socket socket = connected) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before taking everything (e.g. 413, 431): read its answer
            }
            return read(socket.getInputStream(), headOnly);
        }
    }

    /** One answer read from a connection the test keeps open (its body by {@code Content-Length} or chunks). */
    public static Answer readAnswer(InputStream in) throws IOException {
        return read(in, false);
    }

    private static Answer read(InputStream in, boolean headOnly) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return new Answer(0, Map.of(), "");
        }
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (headOnly) {
            body = new byte[0];
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunks(in);
        } else {
            body = readToEnd(in);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = readOrEnd(in)) != -1) {
            head.write(b);
            byte[] so = head.toByteArray();
            int n = so.length;
            if (n >= 4 && so[n - 4] == '\r' && so[n - 3] == '\n' && so[n - 2] == '\r' && so[n - 1] == '\n') {
                return new String(so, 0, n - 4, StandardCharsets.ISO_8859_1);
            }
        }
        if (head.size() > 0) {
            throw new IOException("connection closed within a response head: " + head);
        }
        return null;
    }

    /** A reset connection counts as its end: what was not answered before it was not answered. */
    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException e) {
            return -1;
        }
    }

    private static byte[] readChunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            return new byte[0];
        }
    }
}
