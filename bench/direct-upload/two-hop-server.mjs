/**
 * The competitor of bench/direct-upload.ts: the 2-hop upload server as the common tutorial
 * writes it. express 5 + multer (memory storage) take the multipart upload, aws-sdk v2's
 * `s3.upload()` forwards the buffer to S3, the answer is JSON. Like our signer it verifies the
 * caller's RS256 JWT first (jsonwebtoken, same public key), so both pay the same auth cost.
 * Plain JavaScript on purpose: it is measured, not maintained.
 *
 * Env: PORT, S3_ENDPOINT, S3_BUCKET, JWT_PUBLIC_KEY (PEM), JWT_ISSUER, JWT_AUDIENCE.
 */
import AWS from 'aws-sdk';
import express from 'express';
import jwt from 'jsonwebtoken';
import multer from 'multer';
import { v4 as uuidv4 } from 'uuid';

const s3 = new AWS.S3({
  endpoint: process.env.S3_ENDPOINT,
  s3ForcePathStyle: true,
  region: 'us-east-1',
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
});
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 50 * 1024 * 1024 } });
const app = express();

function authenticate(req, res, next) {
  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  jwt.verify(
    token,
    process.env.JWT_PUBLIC_KEY,
    { algorithms: ['RS256'], issuer: process.env.JWT_ISSUER, audience: process.env.JWT_AUDIENCE },
    (err, claims) => {
      if (err) return res.status(401).json({ error: 'Unauthorized' });
      req.user = claims;
      next();
    },
  );
}

app.get('/health', (req, res) => res.json({ status: 'ok' }));

app.post('/upload', authenticate, upload.single('file'), async (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'No file uploaded' });
  try {
    const key = `uploads/${req.user.sub}/${uuidv4()}-${req.file.originalname}`;
    const result = await s3
      .upload({
        Bucket: process.env.S3_BUCKET,
        Key: key,
        Body: req.file.buffer,
        ContentType: req.file.mimetype,
      })
      .promise();
    res.json({ key: result.Key, location: result.Location, size: req.file.size });
  } catch (err) {
    console.error(err);
    res.status(500).json({ error: 'Upload failed' });
  }
});

app.listen(Number(process.env.PORT), '127.0.0.1');
