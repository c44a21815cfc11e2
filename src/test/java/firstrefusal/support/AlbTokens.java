package firstrefusal.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;

/**
 * An Application Load Balancer's OIDC sign-in, as the load balancer does it: an ES256 key pair, the public key served
 * as a PEM file by key id over HTTP, {@code x-amzn-oidc-data} tokens signed as the load balancer signs them, and the
 * target-group events that carry them. Used by the status page's tests in-process and against the packaged zip.
 */
public final class AlbTokens {

    public static final String ALB_ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/first-refusal/50dc6c495c0c9188";
    public static final String KID = "7b6a3f9c-1e2d-4c5b-9a8f-0d1e2f3a4b5c";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlbTokens() {
    }

    public static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves the key's public half as PEM at {@code /<KID>} on a free local port (404 for any other key id); start it. */
    public static HttpServer keyServer(KeyPair key) {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                boolean known = exchange.getRequestURI().getPath().equals("/" + KID);
                byte[] body = (known ? pem : "no such key").getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(known ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key URL pattern ({@code status-page.oidc.key-url}) for a started key server. */
    public static String keyUrl(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/{kid}";
    }

    /** A JWT as the ALB writes one: ES256, base64url with padding, kid and signer (and the token's exp) in the header. */
    public static String token(KeyPair key, String kid, String signer, Instant expires) {
        return token(key, kid, signer, expires, "ES256");
    }

    public static String token(KeyPair key, String kid, String signer, Instant expires, String alg) {
        Base64.Encoder padded = Base64.getUrlEncoder();
        String header = "{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"," + (kid == null ? "" : "\"kid\":\"" + kid + "\",")
                + "\"signer\":\"" + signer + "\",\"iss\":\"https://login.example.com/tenant/v2.0\",\"client\":\"page-client\","
                + "\"exp\":" + expires.getEpochSecond() + "}";
        String claims = "{\"sub\":\"00u1a2b3c\",\"name\":\"Procurement Lead\",\"email\":\"lead@example.com\","
                + "\"exp\":" + expires.getEpochSecond() + ",\"iss\":\"https://login.example.com/tenant/v2.0\"}";
        String input = padded.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + padded.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(key.getPrivate());
            es256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + padded.encodeToString(es256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ALB target-group event as AWS documents it (single-value headers), with the sign-in headers the ALB adds. */
    public static String albEvent(String path, String rawQuery, String oidcData) {
        try {
            ObjectNode query = JSON.createObjectNode();
            for (String pair : rawQuery.isEmpty() ? new String[0] : rawQuery.split("&")) {
                query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            ObjectNode event = (ObjectNode) JSON.readTree("""
                    {"requestContext": {"elb": {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/first-refusal-page/73e2d6bc24d8a067"}},
                     "httpMethod": "GET", "path": "%s", "queryStringParameters": {},
                     "headers": {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                       "accept-encoding": "gzip", "accept-language": "en-US,en;q=0.9", "connection": "keep-alive",
                       "host": "first-refusal.example.com", "user-agent": "Mozilla/5.0",
                       "x-amzn-trace-id": "Root=1-5c536348-3d683b8b04734faae651f476", "x-forwarded-for": "203.0.113.7",
                       "x-forwarded-port": "443", "x-forwarded-proto": "https",
                       "x-amzn-oidc-accesstoken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln",
                       "x-amzn-oidc-identity": "00u1a2b3c"},
                     "body": "", "isBase64Encoded": false}""".formatted(path));
            event.set("queryStringParameters", query);
            if (oidcData != null) {
                ((ObjectNode) event.get("headers")).put("x-amzn-oidc-data", oidcData);
            }
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
