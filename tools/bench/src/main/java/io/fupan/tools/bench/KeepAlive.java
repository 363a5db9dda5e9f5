package io.fupan.tools.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One client's HTTP/1.1 connection, kept alive between requests and opened again when the server
 * closes it: a load driver that shares the machine with the server it measures must cost that
 * machine's cores as little as it can (the JDK's {@code HttpClient} took about as much CPU per
 * request as the server's own work on a list of records). Reads {@code Content-Length} and chunked
 * bodies; nothing else of HTTP is needed here.
 */
final class KeepAlive implements Closeable {

    /** An answer: its status and its body as text. */
    record Answer(int status, String body) {}

    private final String host;
    private final int port;
    private final String basePath;
    private final String authorization;
    private Socket socket;
    private BufferedOutputStream out;
    private InputStream in;

    /** {@code base} such as {@code http://localhost:9080/api/v1}; every request carries {@code Bearer token}. */
    KeepAlive(String base, String token) {
        URI uri = URI.create(base);
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.authorization = "Bearer " + token;
    }

    Answer send(String method, String path, String ifMatch, String body) throws IOException {
        byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256 + authorization.length())
                .append(method).append(' ').append(basePath).append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Authorization: ").append(authorization).append("\r\n")
                .append("Accept: application/json\r\n");
        if (ifMatch != null) {
            head.append("If-Match: ").append(ifMatch).append("\r\n");
        }
        if (content != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        } else if (!method.equals("GET")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        boolean fresh = socket == null;
        try {
            return exchange(head, content);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return exchange(head, content); // the server closed a kept-alive connection: once more, on a new one
        }
    }

    private Answer exchange(StringBuilder head, byte[] content) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            in = new BufferedInputStream(socket.getInputStream(), 16384);
        }
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (content != null) {
            out.write(content);
        }
        out.flush();
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closes = value.equalsIgnoreCase("close");
            }
        }
        ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream(length > 0 ? (int) length : 1024);
        if (chunked) {
            for (int size = Integer.parseInt(chunkSize(line()), 16); size > 0; size = Integer.parseInt(chunkSize(line()), 16)) {
                bodyBytes.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            byte[] read = in.readNBytes((int) length);
            if (read.length < length) {
                throw new EOFException("the body ended early");
            }
            bodyBytes.write(read);
        }
        if (closes) {
            close();
        }
        return new Answer(code, bodyBytes.toString(StandardCharsets.UTF_8));
    }

    private static String chunkSize(String line) {
        int semicolon = line.indexOf(';');
        return (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
