package io.hascope.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Real TCP connections for the live replay test, run inside a namespace: "server ADDRESS PORT N" answers N
 * connections (a line in, a line out, then FIN); "client ADDRESS PORT N" makes N of them one after another.
 */
public final class TinyTcp {
    private TinyTcp() {
    }

    public static void main(String[] args) throws Exception {
        String address = args[1];
        int port = Integer.parseInt(args[2]);
        int n = Integer.parseInt(args[3]);
        if (args[0].equals("server")) {
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(address, port));
                System.out.println("listening");
                System.out.flush();
                for (int i = 0; i < n; i++) {
                    try (Socket s = server.accept()) {
                        InputStream in = s.getInputStream();
                        while (in.read() != '\n') {
                            // the request line
                        }
                        s.getOutputStream().write("pong\n".getBytes());
                    }
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, port), 5000);
                    OutputStream out = s.getOutputStream();
                    out.write("ping\n".getBytes());
                    InputStream in = s.getInputStream();
                    while (in.read() >= 0) {
                        // until the server closes
                    }
                }
                Thread.sleep(50);
            }
        }
    }
}
